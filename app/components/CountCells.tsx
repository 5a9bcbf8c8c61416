/** A table row's last cells: how many figures it rests on, and how many of them are approximate (余, 超, 约…). */
export function CountCells({ figures, approximate }: { figures: number; approximate: number }) {
  return <><td className="num">{figures}</td><td className="num">{approximate}</td></>;
}
