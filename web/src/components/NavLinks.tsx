'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export function NavLinks({ signedIn }: { signedIn: boolean }) {
  const pathname = usePathname();
  const links = [
    { href: '/', label: 'Discover' },
    ...(signedIn
      ? [
          { href: '/library', label: 'Library' },
          { href: '/upload', label: 'Upload' },
          { href: '/account', label: 'Account' },
        ]
      : []),
  ];
  return (
    <nav className="site-nav" aria-label="Main">
      {links.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={pathname === link.href ? 'page' : undefined}
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
