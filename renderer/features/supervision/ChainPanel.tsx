import { Alert, Button, Descriptions, Space, Typography } from 'antd';
import { useState } from 'react';
import { messageOf } from '../../api';
import { db } from '../../db/instance';
import { signPending, verifyChain, type ChainVerification } from '../../db/supervision';
import { chainApi } from './common';

// 日志校验 (docs/supervision.md "Hash-chained log"): recompute the log of supervision writes, check the signature of
// its head with this installation's key and the heads signed so far, and compare the records with their entries;
// the first broken entry is named.

export function ChainPanel({ self }: { self: string }) {
  const [result, setResult] = useState<ChainVerification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const verify = async () => {
    setRunning(true);
    setError(null);
    try {
      // entries an import logged (or written while signing failed) are signed first; a refusal is shown below
      const api = chainApi();
      const signing = await signPending(db, api).then(
        () => null,
        (e: unknown) => messageOf(e),
      );
      setResult(await verifyChain(db, api, self));
      setError(signing);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setRunning(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        每次新增、修改、删除监督记录都记入日志，每条日志含前一条的哈希，日志头由本机密钥签名。校验将重新计算全部日志、核对签名，并与现存记录逐一比对。
      </Typography.Paragraph>
      <Button type="primary" onClick={verify} loading={running} data-testid="supervision-verify">
        校验日志
      </Button>
      {error && <Alert type="error" showIcon message={error} />}
      {result && (
        <>
          <Alert
            data-testid="supervision-verify-result"
            type={result.broken ? 'error' : result.gaps.length ? 'warning' : 'success'}
            showIcon
            message={
              result.broken
                ? `日志校验未通过：${result.broken.reason}`
                : result.gaps.length
                  ? '日志衔接无误，记录与日志一致，但有部分日志缺少签署记录（见下）'
                  : '日志完整：全部日志衔接无误，签名有效，记录与日志一致'
            }
            description={result.broken && result.broken.seq > 0 ? `第一处问题在第${result.broken.seq}条日志。请联系系统管理员，从备份中核对该条及之后的记录。` : undefined}
          />
          {result.gaps.map((g) => (
            <Alert
              key={g.from}
              data-testid="supervision-verify-gap"
              type="warning"
              showIcon
              message={`第${g.from}至${g.to}条日志的签署记录已丢失`}
              description="本机 keys 文件夹中的签署记录文件缺失，或从较早的备份恢复过。这些日志前后衔接无误，但无法与签署记录核对是否被改动过；其后的日志已重新开始签署。如有该文件的备份，请联系系统管理员恢复。"
            />
          ))}
          <Descriptions size="small" bordered column={3}>
            <Descriptions.Item label="日志条数">{result.entries}</Descriptions.Item>
            <Descriptions.Item label="链头签名">{result.signatureValid === null ? '尚未签署' : result.signatureValid ? '有效' : '无效'}</Descriptions.Item>
            <Descriptions.Item label="尚未签署">{result.unsigned}条</Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Space>
  );
}
