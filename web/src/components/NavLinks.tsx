'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export function NavLinks({ signedIn }: { signedIn: boolean }) {
  const pathname = usePathname();
  const links = [
    { href: '/', label: 'Discover' },
    ...(signedIn
      ? [
          // Upload (the arrow icon) and Account (the name chip) have their own header controls;
          // the nav keeps room for the search box.
          { href: '/library', label: 'Library' },
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
