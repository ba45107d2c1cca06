import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, InputNumber, Row, Space, Switch, Typography } from 'antd';
import { caption, codeTables } from '../../../shared/code';
import { CASE_STAGES } from '../../../shared/domain/selection';
import { DEFAULT_MIN_YEARS, DEFAULT_PASSING_GRADES, type RankPromotionSettings } from '../../../shared/rules/rankPromotion';
import { ALL_STEPS, rankSettingsProblems } from '../../../shared/rules/selectionSettings';
import { db } from '../../db/instance';
import { readRankSettings, readStepPermissions, writeRankSettings, writeStepPermissions } from '../../db/selectionSettings';
import { refusalText } from './common';

// 选拔任用 → 设置 (docs/selection.md "Settings"): the rank-promotion conditions the eligibility list applies
// (minimum years by target rank, the grades that meet the assessment condition, whether a missing year bars) and
// the case steps this installation records. Both are this installation's own, kept when saved.

const TARGETS = Object.keys(DEFAULT_MIN_YEARS);
const STEP_LABEL = (s: (typeof ALL_STEPS)[number]) => (s === 'publicity' ? '任前公示与任职' : CASE_STAGES[s]);

export function SettingsView() {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <RankSettingsCard />
      </Col>
      <Col xs={24} xl={10}>
        <StepsCard />
      </Col>
    </Row>
  );
}

function RankSettingsCard() {
  const { message } = App.useApp();
  const [stored, setStored] = useState<RankPromotionSettings | null>(null);
  const [minYears, setMinYears] = useState<Record<string, number | null>>({});
  const [passing, setPassing] = useState<string[]>([...DEFAULT_PASSING_GRADES]);
  const [missingBars, setMissingBars] = useState(true);
  const [problems, setProblems] = useState<string[]>([]);
  const show = (s: RankPromotionSettings) => {
    setStored(s);
    setMinYears(Object.fromEntries(TARGETS.map((t) => [t, s.minYears?.[t] ?? DEFAULT_MIN_YEARS[t]!])));
    setPassing([...(s.passingGrades ?? DEFAULT_PASSING_GRADES)]);
    setMissingBars(s.missingYearBars ?? true);
    setProblems([]);
  };
  useEffect(() => void readRankSettings(db).then(show), []);
  const edited = (): RankPromotionSettings => {
    const years: Record<string, number> = {};
    const blank: string[] = [];
    for (const t of TARGETS) {
      const v = minYears[t];
      if (v === null || v === undefined) blank.push(t);
      else if (v !== DEFAULT_MIN_YEARS[t]) years[t] = v;
    }
    if (blank.length) throw new Error(blank.map((t) => `请填写晋升为${caption('rank', t)}的最低年限`).join('；'));
    // only what differs from the defaults is kept, so a later change of a default still reaches the rest
    return { ...stored, minYears: years, passingGrades: passing, missingYearBars: missingBars };
  };
  const save = async () => {
    try {
      const settings = edited();
      const found = rankSettingsProblems(settings);
      if (found.length) return setProblems(found);
      show(await writeRankSettings(db, settings));
      message.success('已保存职级晋升条件，重新生成符合条件名单时按新条件计算');
    } catch (e) {
      setProblems(refusalText(e).replace(/^不能保存职级晋升设置：/, '').split('；'));
    }
  };
  const reset = async () => {
    show(await writeRankSettings(db, {}));
    message.success('已恢复默认条件');
  };
  if (!stored) return <Card loading title="职级晋升条件" />;
  return (
    <Card size="small" title="职级晋升条件" data-testid="rank-settings">
      <Typography.Paragraph type="secondary">
        默认按《公务员职务与职级并行规定》：任下一级职级满规定年限，且任职期间每年年度考核均为称职以上。各地有规定的，在此调整；生成符合条件名单和人选查找按此计算。
      </Typography.Paragraph>
      <Row gutter={[12, 8]}>
        {TARGETS.map((t) => (
          <Col key={t} xs={24} md={12}>
            <Space>
              <span style={{ display: 'inline-block', width: 150 }}>晋升为{caption('rank', t)}</span>
              <InputNumber
                aria-label={`晋升为${caption('rank', t)}的最低年限`}
                min={0}
                max={50}
                step={0.5}
                value={minYears[t]}
                onChange={(v) => setMinYears((m) => ({ ...m, [t]: v }))}
                suffix="年"
                style={{ width: 110 }}
              />
            </Space>
          </Col>
        ))}
      </Row>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        符合条件的年度考核等次
      </Typography.Title>
      <Checkbox.Group
        aria-label="符合条件的考核等次"
        value={passing}
        onChange={(v) => setPassing(v as string[])}
        options={codeTables.assessmentGrade.entries.map((e) => ({ value: e.code, label: e.full ?? e.caption }))}
      />
      <div style={{ marginTop: 12 }}>
        <Space>
          <Switch aria-label="缺少年度考核的不符合条件" checked={missingBars} onChange={setMissingBars} />
          <span>任职期间缺少某年度考核结果的，不符合晋升条件（关闭则只提示，不影响结论）</span>
        </Space>
      </div>
      {problems.length > 0 && (
        <Alert
          type="error"
          style={{ marginTop: 12 }}
          title="不能保存："
          description={<ul style={{ margin: 0, paddingLeft: 20 }}>{problems.map((p) => <li key={p}>{p}</li>)}</ul>}
          data-testid="rank-settings-problems"
        />
      )}
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" onClick={() => void save()}>
          保存晋升条件
        </Button>
        <Button onClick={() => void reset()}>恢复默认</Button>
      </Space>
    </Card>
  );
}

function StepsCard() {
  const { message } = App.useApp();
  const [steps, setSteps] = useState<string[] | null>(null);
  useEffect(() => void readStepPermissions(db).then((s) => setSteps([...s])), []);
  const save = async () => {
    try {
      setSteps([...(await writeStepPermissions(db, steps ?? []))]);
      message.success('已保存本机可办理的步骤');
    } catch (e) {
      message.error(refusalText(e));
    }
  };
  if (!steps) return <Card loading title="本机可办理的选任步骤" />;
  return (
    <Card size="small" title="本机可办理的选任步骤" data-testid="step-settings">
      <Typography.Paragraph type="secondary">
        选任纪实的各步骤可由不同单位办理，例如单位办理动议和民主推荐，讨论决定和任职由组织部办理；选任纪实随数据包在各单位之间传递。本机只能办理勾选的步骤（含修改该步骤的内容和在该步骤终止）。默认全部可办理。
      </Typography.Paragraph>
      <Checkbox.Group aria-label="本机可办理的步骤" value={steps} onChange={(v) => setSteps(v as string[])} style={{ display: 'flex', flexDirection: 'column', gap: 6 }} options={ALL_STEPS.map((s) => ({ value: s, label: STEP_LABEL(s) }))} />
      <Button type="primary" style={{ marginTop: 12 }} onClick={() => void save()}>
        保存可办理的步骤
      </Button>
    </Card>
  );
}
