import { Alert, Card, Descriptions, List, Space, Tag } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { caption } from '../../../shared/code';
import type { Clue } from '../../../shared/domain/supervision';
import { dayOf, printMonth } from '../../../shared/rules/months';
import { db } from '../../db/instance';
import { dossierFindings, openClues } from '../../db/supervision';

// Beside a 凡提四必 record (docs/supervision.md "Screens"): for 档案必审, the dossier's values and what 数据校验
// finds in it today, so the 三龄两历 认定 is made knowing the contradictions; for 信访举报必查, the open clues.

function DossierFindings({ cadreId }: { cadreId: string }) {
  const found = useLiveQuery(() => dossierFindings(db, cadreId, dayOf(new Date())), [cadreId]);
  if (!found?.cadre) return null;
  const { cadre, findings } = found;
  const month = (m: string | null) => (m ? printMonth(m) : '未填');
  return (
    <Card size="small" title="档案必审：档案记载与数据校验" data-testid="four-checks-findings">
      <Descriptions size="small" column={1} bordered styles={{ label: { width: 110 } }}>
        <Descriptions.Item label="出生年月">{month(cadre.birth)}</Descriptions.Item>
        <Descriptions.Item label="参加工作时间">{month(cadre.workStarted)}</Descriptions.Item>
        <Descriptions.Item label="入党时间">{month(cadre.partyJoined)}</Descriptions.Item>
        <Descriptions.Item label="全日制学历">{caption('education', cadre.fullTimeEducation.education) || '未填'}</Descriptions.Item>
        <Descriptions.Item label="在职学历">{caption('education', cadre.inServiceEducation.education) || '未填'}</Descriptions.Item>
      </Descriptions>
      {findings.length ? (
        <List
          size="small"
          header={`数据校验发现${findings.length}个问题，认定时请逐一核对档案原件：`}
          dataSource={findings}
          renderItem={(f) => (
            <List.Item>
              <Space align="start">
                <Tag color={f.severity === 'error' ? 'red' : 'orange'}>{f.severity === 'error' ? '错误' : '提醒'}</Tag>
                <span>{f.message}</span>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Alert style={{ marginTop: 8 }} type="success" showIcon message="数据校验未发现三龄两历问题" />
      )}
    </Card>
  );
}

function OpenClues({ cadreId }: { cadreId: string }) {
  const clues = useLiveQuery(() => openClues(db, cadreId), [cadreId]);
  if (!clues) return null;
  return (
    <Alert
      type={clues.length ? 'warning' : 'success'}
      showIcon
      message={clues.length ? `该干部有${clues.length}条问题线索未了结，须全部了结后才能标记四必已完成` : '该干部没有未了结的问题线索'}
      description={clues.length ? clues.map((c: Clue) => `${c.received} ${c.summary}`).join('；') : undefined}
    />
  );
}

export function FourChecksSide({ cadreId }: { cadreId: string }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <DossierFindings cadreId={cadreId} />
      <Card size="small" title="信访举报必查：该干部的问题线索">
        <OpenClues cadreId={cadreId} />
      </Card>
    </Space>
  );
}
