import {
  ApartmentOutlined,
  AuditOutlined,
  ProfileOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { App, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import { INSTALLATION_TYPES, type AppInfo } from '../../../shared/domain/installation';
import { navigate, useLocation, type Route } from '../../router';
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { printParamsOf } from '../print/printParams';
import { menuKeyOf } from './menuKey';
import { RosterPage } from '../roster/RosterPage';
import { prewarmRoster } from '../roster/rosterIndex';
import { db } from '../../db/instance';
import { monthOf } from '../../../shared/rules/months';
import { writeContextOf } from '../../stores/session';
import { hasUnsaved, registerLeaveConfirm } from '../../stores/unsaved';
import { DemoBanner } from '../demoData/DemoBanner';
import { BackupReminder } from '../backup/BackupReminder';
import { PageBoundary } from '../startup/PageBoundary';

// Only areas that exist are listed; each later issue adds its own entry here.
const AREAS: { key: Route; label: string; icon: React.ReactNode }[] = [
  { key: 'roster', label: '干部名册', icon: <TeamOutlined /> },
  { key: 'records', label: '档案记录', icon: <ProfileOutlined /> },
  { key: 'performance', label: '实绩档案', icon: <TrophyOutlined /> },
  { key: 'cultivation', label: '培养历练', icon: <ReadOutlined /> },
  { key: 'supervision', label: '监督管理', icon: <SafetyCertificateOutlined /> },
  { key: 'selection', label: '选拔任用', icon: <SolutionOutlined /> },
  { key: 'validation', label: '数据校验', icon: <AuditOutlined /> },
  { key: 'units', label: '单位管理', icon: <ApartmentOutlined /> },
  { key: 'exchange', label: '数据交换', icon: <SwapOutlined /> },
  { key: 'settings', label: '本机设置', icon: <SettingOutlined /> },
];

// print routes: loaded only when printing (they bring the print font), shown without the shell
const PrintRoute = lazy(() => import('../../print/PrintRoute'));
// Pages other than the roster load when first opened: the roster, the start page, shows sooner (docs/architecture.md
// "Roster index"); each is a small chunk read from the app's own files.
const DossierPage = lazy(() => import('../dossier/DossierPage').then((m) => ({ default: m.DossierPage })));
const ValidationPage = lazy(() => import('../validation/ValidationPage').then((m) => ({ default: m.ValidationPage })));
const RecordsPage = lazy(() => import('../records/RecordsPage').then((m) => ({ default: m.RecordsPage })));
const UnitsPage = lazy(() => import('../units/UnitsPage').then((m) => ({ default: m.UnitsPage })));
const SettingsPage = lazy(() => import('../settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const ExchangePage = lazy(() => import('../exchange/ExchangePage').then((m) => ({ default: m.ExchangePage })));
const PrintPreviewPage = lazy(() => import('../print/PrintPreviewPage'));
const PerformancePage = lazy(() => import('../performance/PerformancePage').then((m) => ({ default: m.PerformancePage })));
const SelectionPage = lazy(() => import('../selection/SelectionPage'));
const CultivationPage = lazy(() => import('../cultivation/CultivationPage').then((m) => ({ default: m.CultivationPage })));
const SupervisionPage = lazy(() => import('../supervision/SupervisionPage').then((m) => ({ default: m.SupervisionPage })));

export function AppShell({ info }: { info: AppInfo }) {
  const location = useLocation();
  const printParams = useMemo(() => printParamsOf(location.params), [location]);
  if (location.name !== 'print') return <Shell info={info} />;
  return (
    <Suspense fallback={null}>
      <PrintRoute params={printParams} />
    </Suspense>
  );
}

function Shell({ info }: { info: AppInfo }) {
  const location = useLocation();
  const printParams = useMemo(() => printParamsOf(location.params), [location]);
  const route = location.name;
  const profile = info.profile!;
  useEffect(() => {
    const timer = setTimeout(() => prewarmRoster(db, monthOf(new Date())), 300);
    return () => clearTimeout(timer);
  }, []);
  const { modal } = App.useApp();
  // leaving a form with unsaved changes asks first: in the app (menu, back, links) with this dialog, and when the
  // window closes or reloads through the browser's own (Electron's main process asks in Chinese, electron/main.ts)
  useEffect(() => {
    registerLeaveConfirm(
      () =>
        new Promise<boolean>((resolve) =>
          modal.confirm({
            title: '有尚未保存的修改',
            content: '离开本页，刚才填写的内容将不会保存。确定离开吗？',
            okText: '放弃修改并离开',
            okButtonProps: { danger: true },
            cancelText: '留在本页',
            onOk: () => resolve(true),
            onCancel: () => resolve(false),
          }),
        ),
    );
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (!hasUnsaved()) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      registerLeaveConfirm(null);
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [modal]);
  return (
    <Layout style={{ height: '100%' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#b71c1c', paddingInline: 20 }}
      >
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          干部选育管用信息系统
        </Typography.Title>
        <div style={{ flex: 1 }} />
        <Space size="middle" style={{ color: '#fff', whiteSpace: 'nowrap' }} data-testid="header-installation">
          <span>{profile.name}</span>
          <Tag color="gold">{INSTALLATION_TYPES[profile.type]}</Tag>
          <span>
            <UserOutlined /> 操作员：{profile.operator}
          </span>
        </Space>
      </Layout.Header>
      <DemoBanner />
      <Layout>
        <Layout.Sider width={180} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
          <Menu
            mode="inline"
            selectedKeys={[menuKeyOf(route, printParams)]}
            items={AREAS}
            onClick={({ key }) => navigate(key as Route)}
            style={{ borderInlineEnd: 'none', paddingTop: 8 }}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 16, overflow: 'auto', background: '#f5f5f5' }}>
          {/* a page that throws shows what failed and the way back instead of a white window; a new route resets it */}
          <PageBoundary where={AREAS.find((a) => a.key === route)?.label ?? '干部档案'} resetKey={`${route}?${location.params.toString()}`}>
            {route === 'roster' && <BackupReminder />}
            {route === 'roster' && <RosterPage ctx={writeContextOf(info)} />}
            <Suspense fallback={<Spin style={{ display: 'block', marginTop: 48 }} description="正在打开…" />}>
              {route === 'cadre' && <DossierPage info={info} id={location.params.get('id') ?? 'new'} tab={location.params.get('tab')} field={location.params.get('field')} />}
              {route === 'records' && <RecordsPage table={location.params.get('type')} />}
              {route === 'validation' && <ValidationPage />}
              {route === 'units' && <UnitsPage info={info} />}
              {route === 'exchange' && <ExchangePage info={info} />}
              {route === 'settings' && <SettingsPage info={info} />}
              {route === 'printPreview' && <PrintPreviewPage info={info} params={printParams} />}
              {route === 'performance' && <PerformancePage info={info} tab={location.params.get('tab')} cadre={location.params.get('cadre')} />}
              {route === 'cultivation' && <CultivationPage info={info} tab={location.params.get('tab')} />}
              {route === 'supervision' && <SupervisionPage info={info} tab={location.params.get('tab')} />}
              {route === 'selection' && <SelectionPage info={info} params={location.params} />}
            </Suspense>
          </PageBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
