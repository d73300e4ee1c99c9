// A section with a left menu (security admin, project pages) and the page on the right.
import { ReactNode } from 'react';
import { Layout, Menu } from 'antd';
import type { ItemType } from 'antd/es/menu/interface';
import { Outlet } from 'react-router-dom';

export function SideLayout({ header, items, selected }: { header?: ReactNode; items: ItemType[]; selected: string }) {
  return (
    <Layout className="side-layout">
      <Layout.Sider width={232} theme="light" className="side-menu" breakpoint="lg" collapsedWidth={64}>
        {header}
        <Menu mode="inline" selectedKeys={[selected]} items={items} style={{ borderInlineEnd: 0 }} />
      </Layout.Sider>
      <Layout.Content className="side-content">
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
