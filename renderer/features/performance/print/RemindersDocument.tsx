import { useEffect, useState, type ReactNode } from 'react';
import { dayOf, monthOf } from '../../../../shared/rules/months';
import { printRate, reminderList } from '../../../../shared/rules/performanceCollection';
import { subtreeIds } from '../../../../shared/rules/unitTree';
import { db } from '../../../db/instance';
import { unitMatrix } from '../../../db/performanceAnalysis';
import type { LaidOut } from '../../../print/PrintDocument';
import { FlowPages } from './FlowPages';

// 催报清单 (docs/performance.md "Collection"): the monthly reports of a unit and year that are missing or were
// returned, cadre by cadre, on portrait A4: `#/print?kind=reminders&unit=<id>&year=YYYY`.

interface Props {
  params: Record<string, string>;
  onLaidOut: (laid: LaidOut) => void;
  onError: (message: string) => void;
}

const cell = { border: '0.3mm solid #000', padding: '1mm 2mm', fontSize: '10.5pt', verticalAlign: 'top' as const };
const widths = ['14mm', '28mm', '88mm', '44mm'];

function Row({ values, bold = false }: { values: string[]; bold?: boolean }) {
  return (
    <table style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed', marginBottom: '-0.3mm' }}>
      <tbody>
        <tr>
          {values.map((v, i) => (
            <td key={i} style={{ ...cell, width: widths[i], fontWeight: bold ? 700 : 400, textAlign: i === 0 ? 'center' : 'left' }}>
              {v}
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}

export function RemindersDocument({ params, onLaidOut, onError }: Props) {
  const [blocks, setBlocks] = useState<ReactNode[] | null>(null);
  const [head, setHead] = useState('催报清单');
  useEffect(() => {
    let alive = true;
    void (async () => {
      const year = Number(params.year);
      const units = (await db.units.toArray()).filter((u) => !u.deleted);
      const unit = units.find((u) => u.id === params.unit);
      if (!unit || !(year > 1990)) return onError('催报清单的单位或年度不正确，请返回收集情况重新打印。');
      const matrix = await unitMatrix(db, [...subtreeIds(units, unit.id)], year, monthOf(new Date()));
      const lines = reminderList(matrix);
      const month = (m: string) => `${Number(m.slice(5))}月`;
      const b: ReactNode[] = [
        <h1 key="t" style={{ fontSize: '18pt', textAlign: 'center', margin: '2mm 0 3mm' }}>{`${unit.name}${year}年月上报催报清单`}</h1>,
        <p key="m" style={{ fontSize: '10.5pt', margin: '0 0 2mm' }}>{`应报 ${matrix.total.due} 份，已报 ${matrix.total.done} 份，完成率 ${printRate(matrix.total)}；需催报 ${lines.length} 人。打印日期：${dayOf(new Date()).replaceAll('-', '.')}`}</p>,
        <Row key="h" values={['序号', '姓名', '未报月份', '退回待重报']} bold />,
        ...lines.map((l, i) => <Row key={l.cadre.id} values={[String(i + 1), l.cadre.name, l.missing.map(month).join('、'), l.returned.map(month).join('、')]} />),
      ];
      if (alive) {
        setHead(`${unit.name} · ${year}年催报清单`);
        setBlocks(b);
      }
    })().catch((e: unknown) => onError(`读取收集情况失败：${e instanceof Error ? e.message : String(e)}`));
    return () => {
      alive = false;
    };
  }, [params.unit, params.year, onError]);
  return <FlowPages head={head} blocks={blocks} onLaidOut={onLaidOut} />;
}
