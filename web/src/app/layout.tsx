import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { auth } from '@/auth';
import { getEnvironment } from '@/environment';
import { Providers } from '@/components/Providers';
import { SiteHeader } from '@/components/SiteHeader';
import { PlayerBar } from '@/player/PlayerBar';
import './globals.css';

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
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <Providers session={session} graphqlUrl={getEnvironment().publicGraphqlUrl}>
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
