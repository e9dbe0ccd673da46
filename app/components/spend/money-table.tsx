import { formatBasisPoints, formatPence } from "../../models/spend/spend-money";
import { ScrollRegion } from "../scroll-region";

export type MoneyRow = {
  key: string;
  label: string;
  lines: number;
  pence: number;
  vulnerablePence: number;
  vulnerableBp: number;
  href?: string;
};

/** A chart's table alternative: exact pence, the vulnerable-family share in £ and %. */
export function MoneyTable({
  caption,
  groupLabel,
  rows,
  id,
}: {
  caption: string;
  groupLabel: string;
  rows: MoneyRow[];
  id: string;
}) {
  return (
    <ScrollRegion label={caption}><table className="table mt-3" id={id}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{groupLabel}</th>
          <th scope="col" className="text-right">
            Lines
          </th>
          <th scope="col" className="text-right">
            Spend
          </th>
          <th scope="col" className="text-right">
            On vulnerable families
          </th>
          <th scope="col" className="text-right">
            Share
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-key={r.key}>
            <th scope="row" className="font-normal">
              {r.href ? <a href={r.href}>{r.label}</a> : r.label}
            </th>
            <td className="text-right">{r.lines.toLocaleString("en-GB")}</td>
            <td className="text-right" data-pence={r.pence}>
              {formatPence(r.pence)}
            </td>
            <td className="text-right" data-pence={r.vulnerablePence}>
              {formatPence(r.vulnerablePence)}
            </td>
            <td className="text-right">{formatBasisPoints(r.vulnerableBp)}</td>
          </tr>
        ))}
      </tbody>
    </table></ScrollRegion>
  );
}
