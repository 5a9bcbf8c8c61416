import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: '数说基层 Civic Figures',
  description: '从地方政务新闻中提取的基层数字：按区县、街道和日期查看、导出与核对。',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>
        <header className="site-header">
          <a href="/" className="brand">数说基层 <span>Civic Figures</span></a>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
