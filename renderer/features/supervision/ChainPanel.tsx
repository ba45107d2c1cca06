import { Alert, Button, Descriptions, Space, Typography } from 'antd';
import { useState } from 'react';
import { messageOf } from '../../api';
import { db } from '../../db/instance';
import { verifyChain, type ChainVerification } from '../../db/supervision';
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
      setResult(await verifyChain(db, chainApi(), self));
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
            type={result.broken ? 'error' : 'success'}
            showIcon
            message={result.broken ? `日志校验未通过：${result.broken.reason}` : '日志完整：全部日志衔接无误，签名有效，记录与日志一致'}
            description={result.broken && result.broken.seq > 0 ? `第一处问题在第${result.broken.seq}条日志。请联系系统管理员，从备份中核对该条及之后的记录。` : undefined}
          />
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
