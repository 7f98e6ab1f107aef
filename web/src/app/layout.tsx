import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { headers } from 'next/headers';
import { auth } from '@/auth';
import { getEnvironment } from '@/environment';
import { Providers } from '@/components/Providers';
import { SiteHeader } from '@/components/SiteHeader';
import { PlayerBar } from '@/player/PlayerBar';
import { NONCE_HEADER } from '@/security/content-security-policy';
import './globals.css';
import './preferences.css';

export const metadata: Metadata = {
  title: { default: 'Groovy Streaming', template: '%s · Groovy Streaming' },
  description: 'Search, play and share music with friends.',
};

export const viewport: Viewport = {
  themeColor: '#0b0a12',
  colorScheme: 'dark',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await auth().catch(() => null);
  // Set by the proxy with the page's Content-Security-Policy (absent only if the proxy did not run).
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <Providers session={session} graphqlUrl={getEnvironment().publicGraphqlUrl} nonce={nonce}>
          <SiteHeader />
          <main id="main" className="site-main" tabIndex={-1}>
            {children}
          </main>
          <footer className="site-footer">
            <div className="site-footer__inner">Groovy Streaming · music for every mood</div>
          </footer>
          <PlayerBar />
        </Providers>
      </body>
    </html>
  );
}
