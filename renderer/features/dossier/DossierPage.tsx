import { useMemo } from 'react';
import { App, Button, Card, Empty, Result, Space, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useLiveQuery } from 'dexie-react-hooks';
import type { AppInfo } from '../../../shared/domain/installation';
import { SUB_RECORD_TABLE_NAMES, SUB_RECORD_TYPES } from '../../../shared/domain/cadre';
import { caption } from '../../../shared/code';
import { fullYears, monthOf, printMonth } from '../../../shared/rules/months';
import { db } from '../../db/instance';
import { addCareerStep, createCadre, updateCadre } from '../../db/cadres';
import { LifeEvents } from './LifeEvents';
import { writeContextOf } from '../../stores/session';
import { navigate } from '../../router';
import { BasicForm } from './BasicForm';
import { PhotoField } from './PhotoField';
import { RecordTab } from '../../components/records/RecordTab';
import { SelectionTab } from '../selection/SelectionTab';
import { RecordHistory } from '../../components/records/RecordHistory';
import { LrmxExportButton } from '../lrmx/LrmxActions';
import { CultivationTab } from '../cultivation/CultivationTab';
import { DossierBlocks } from '../supervision/DossierBlocks';

const SUB_TABLES = SUB_RECORD_TABLE_NAMES;

/** The dossier's change history: the basic record and every sub-record, from the audit log. */
function History({ cadreId }: { cadreId: string }) {
  const keys = useLiveQuery(async () => {
    const set = await db.subRecords.get(cadreId);
    return [
      ['cadres', cadreId] as const,
      ...SUB_TABLES.flatMap((t) => (set?.[t] ?? []).map((r) => [t, r.id] as const)),
    ];
  }, [cadreId]);
  return <RecordHistory keys={keys ?? []} testId="cadre-history" />;
}

/** 干部档案 ("一人一册"): the basic record, one tab per sub-record kind, and the change history. */
export function DossierPage({ info, id, tab, field }: { info: AppInfo; id: string; tab?: string | null; field?: string | null }) {
  const { message } = App.useApp();
  const ctx = useMemo(() => writeContextOf(info), [info]);
  const isNew = id === 'new';
  const cadre = useLiveQuery(() => (isNew ? undefined : db.cadres.get(id)), [id, isNew]);
  const defaults = useMemo(() => (info.profile?.unitId ? { unitId: info.profile.unitId } : {}), [info]);
  // a cadre belongs to a unit: with no unit yet, a new cadre cannot be saved, so say so before the form
  const hasUnit = useLiveQuery(async () => !isNew || (await db.units.filter((u) => !u.deleted).first()) !== undefined, [isNew]);
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('roster')}>
      返回名册
    </Button>
  );

  if (isNew && hasUnit === false) {
    return (
      <Card title="新增干部" extra={back}>
        <Result
          status="info"
          title="还没有单位"
          subTitle={
            info.profile?.type === 'unit'
              ? '每名干部都要归属于一个单位。单位树由组织部的数据包带来，请先导入组织部发来的数据包，再新增干部。'
              : '每名干部都要归属于一个单位。请先到“单位管理”新增单位，再回来新增干部。'
          }
          extra={
            <Button type="primary" onClick={() => navigate('units')}>
              去单位管理
            </Button>
          }
          data-testid="no-unit-prompt"
        />
      </Card>
    );
  }
  if (isNew) {
    if (hasUnit === undefined) return null;
    return (
      <Card title="新增干部" extra={back}>
        <BasicForm
          defaults={defaults}
          onSave={async (input) => {
            const created = await createCadre(db, ctx, input);
            message.success(`已新增干部“${created.name}”，请继续填写简历等信息`);
            navigate('cadre', { id: created.id });
          }}
        />
      </Card>
    );
  }
  if (cadre === undefined) return null;
  if (!cadre || cadre.deleted) return <Empty description="该干部的档案不存在或已删除">{back}</Empty>;

  const asOf = monthOf(new Date());
  return (
    <Card
      title={
        <Space size={8}>
          <span data-testid="dossier-name">{cadre.name}</span>
          <Tag color={cadre.status === '01' ? undefined : 'orange'} data-testid="dossier-status">
            {caption('cadreStatus', cadre.status)}
            {cadre.status !== '01' && cadre.statusDate ? `（${cadre.statusDate}）` : ''}
          </Tag>
        </Space>
      }
      extra={
        <Space>
          <Button onClick={() => navigate('printPreview', { kind: 'appointment', ids: cadre.id })}>打印任免审批表</Button>
          <LifeEvents cadre={cadre} ctx={ctx} />
          <LrmxExportButton cadreId={cadre.id} />
          {back}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }} data-testid="dossier-summary">
        {caption('sex', cadre.sex)}，{printMonth(cadre.birth)}生（{fullYears(cadre.birth, asOf)}岁）
        {cadre.currentPost ? `，${cadre.currentPost}` : ''}
        {cadre.status !== '01' && cadre.statusReason ? `。${caption('cadreStatus', cadre.status)}：${cadre.statusReason}` : ''}
      </Typography.Paragraph>
      <div>
        <Tabs
          key={`${tab ?? ''}|${field ?? ''}`}
          size="small"
          tabBarGutter={20}
          defaultActiveKey={tab ?? 'basic'}
          items={[
            {
              key: 'basic',
              label: '基本信息',
              // the photo sits with the basic record, so the tabs keep the whole width (all visible at 1024 px)
              children: (
                <div style={{ display: 'flex', gap: 24, alignItems: 'flex-start' }}>
                  <PhotoField cadre={cadre} ctx={ctx} />
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <BasicForm
                      cadre={cadre}
                      focusField={tab === 'basic' ? field : null}
                      onSave={async (input) => {
                        await updateCadre(db, ctx, cadre.id, input);
                        message.success('已保存');
                      }}
                    />
                  </div>
                </div>
              ),
            },
            ...SUB_TABLES.map((t) => ({
              key: t,
              label: SUB_RECORD_TYPES[t].name,
              children: (
                <RecordTab
                  type={SUB_RECORD_TYPES[t]}
                  cadreId={cadre.id}
                  ctx={ctx}
                  highlightId={tab === t ? (field?.split('.')[1] ?? null) : null}
                  alsoUpdate={
                    t === 'posts' || t === 'ranks'
                      ? {
                          label: t === 'posts' ? '同时将基本信息中的现任职务、职务层次改为此任职' : '同时将基本信息中的职级、任现职级时间改为此职级',
                          create: async (input, updateBasic) => void (await addCareerStep(db, ctx, t, cadre.id, input as never, updateBasic)),
                        }
                      : undefined
                  }
                />
              ),
            })),
            { key: 'cultivation', label: '培养历练', children: <CultivationTab cadreId={cadre.id} ctx={ctx} /> },
            { key: 'selection', label: '选拔任用', children: <SelectionTab cadreId={cadre.id} ctx={ctx} /> },
            { key: 'blocks', label: '影响期', children: <DossierBlocks cadreId={cadre.id} /> },
            { key: 'history', label: '变更记录', children: <History cadreId={cadre.id} /> },
          ]}
        />
      </div>
    </Card>
  );
}
