import { App, Button, Card, Col, Form, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { codeTables } from '../../../shared/code';
import { problemsOf } from '../../../shared/catalog/validate';
import { HANDLINGS, type Handling } from '../../../shared/domain/supervision';
import { DEFAULT_SUPERVISION_SETTINGS, MAX_MONTHS, MAX_RETURN_DAYS, type SupervisionSettings } from '../../../shared/rules/supervisionSettings';
import { messageOf } from '../../api';
import { db } from '../../db/instance';
import { readSupervisionSettings, writeSupervisionSettings } from '../../db/supervisionSettings';

// 设置 of 监督管理 (docs/supervision.md "Settings"): who must report, the blocking months, the days a document has to
// come back. Checked before it is kept (each problem at its field); the due list, the blocking periods and the
// documents' lists read what is kept.

/** 0 in the form: not by this (the Select cannot hold null as a choice). */
const NOT_BY = 0;
const levelOptions = (table: 'postLevel' | 'rank', none: string) => [
  ...codeTables[table].entries.filter((e) => e.level !== undefined).map((e) => ({ value: e.level!, label: `${e.full ?? e.caption}及以上` })),
  { value: NOT_BY, label: none },
];

type FormValues = Omit<SupervisionSettings, 'reporting'> & { reporting: { minPostLevel: number; minRankLevel: number } };
const toForm = (s: SupervisionSettings): FormValues => ({
  ...s,
  reporting: { minPostLevel: s.reporting.minPostLevel ?? NOT_BY, minRankLevel: s.reporting.minRankLevel ?? NOT_BY },
});
const fromForm = (v: FormValues): SupervisionSettings => ({
  ...v,
  reporting: {
    minPostLevel: v.reporting.minPostLevel === NOT_BY ? null : v.reporting.minPostLevel,
    minRankLevel: v.reporting.minRankLevel === NOT_BY ? null : v.reporting.minRankLevel,
  },
});

const monthsInput = (label: string) => <InputNumber aria-label={label} precision={0} style={{ width: 130 }} suffix="个月" />;

export function SettingsPanel() {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  // the fields take input only once the stored settings are in them: typed earlier, it would be overwritten
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let shown = true;
    readSupervisionSettings(db).then(
      (s) => {
        if (!shown) return;
        form.setFieldsValue(toForm(s));
        setLoaded(true);
      },
      (e: unknown) => shown && void message.error(`读取监督管理设置失败：${messageOf(e)}`),
    );
    return () => {
      shown = false;
    };
  }, [form, message]);
  const save = async () => {
    try {
      await writeSupervisionSettings(db, fromForm(form.getFieldsValue(true) as FormValues));
      form.setFields(form.getFieldsError().map((f) => ({ name: f.name, errors: [] })));
      message.success('设置已保存');
    } catch (e) {
      const problems = problemsOf(e);
      if (!problems.length) return void message.error(messageOf(e));
      form.setFields(problems.map((p) => ({ name: p.path.split('.'), errors: [p.message] })));
      message.error(problems[0]!.message);
    }
  };
  const handlings = (Object.keys(HANDLINGS) as Handling[]).filter((h) => h !== 'none');
  return (
    <Form form={form} disabled={!loaded} layout="vertical" data-testid="supervision-settings" style={{ maxWidth: 980 }}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Card size="small" title="个人有关事项报告范围">
          <Row gutter={24}>
            <Col xs={24} md={12}>
              <Form.Item label="按职务层次" name={['reporting', 'minPostLevel']}>
                <Select aria-label="按职务层次" options={levelOptions('postLevel', '不按职务层次')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="按职级" name={['reporting', 'minRankLevel']}>
                <Select aria-label="按职级" options={levelOptions('rank', '不按职级')} />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text type="secondary">在职干部的职务层次或职级达到其中之一即应报告。</Typography.Text>
        </Card>
        <Card size="small" title={`影响期（0 至 ${MAX_MONTHS} 个月，0 为不影响提拔）`}>
          <Row gutter={24}>
            <Col xs={24} md={8}>
              <Form.Item label="诫勉（未写明影响期时）" name={['blocks', 'admonishmentMonths']}>
                {monthsInput('诫勉影响期')}
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="纪律处分（未写明影响期结束时）" name={['blocks', 'punishmentMonths', 'discipline']}>
                {monthsInput('纪律处分影响期')}
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="组织处理（未写明影响期结束时）" name={['blocks', 'punishmentMonths', 'organizational']}>
                {monthsInput('组织处理影响期')}
              </Form.Item>
            </Col>
          </Row>
          <Typography.Paragraph strong style={{ marginBottom: 8 }}>
            个人有关事项报告漏报、瞒报的处理
          </Typography.Paragraph>
          <Row gutter={24}>
            {handlings.map((h) => (
              <Col key={h} xs={12} md={8}>
                <Form.Item label={HANDLINGS[h]} name={['blocks', 'handlingMonths', h]}>
                  {monthsInput(`${HANDLINGS[h]}影响期`)}
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Card>
        <Card size="small" title="因私出国（境）证件">
          <Form.Item label="行程结束后应归还证件的期限" name="returnDays" style={{ marginBottom: 0 }}>
            <InputNumber aria-label="归还期限" precision={0} style={{ width: 130 }} suffix="天" />
          </Form.Item>
          <Typography.Text type="secondary">{`1 至 ${MAX_RETURN_DAYS} 天；超过期限未归还的列为逾期未还。`}</Typography.Text>
        </Card>
        <Space>
          <Button type="primary" onClick={save} data-testid="supervision-settings-save">
            保存设置
          </Button>
          <Button onClick={() => form.setFieldsValue(toForm(DEFAULT_SUPERVISION_SETTINGS))}>恢复默认值</Button>
        </Space>
      </Space>
    </Form>
  );
}
