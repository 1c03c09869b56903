using SocialCrm.Workflows.Definitions;

namespace SocialCrm.Web.Components.Studio;

/// <summary>
/// Places a flowchart for drawing: the start at the top, each activity one row below the lowest activity that leads
/// to it (connections back up a loop are drawn but do not push rows down), activities of a row side by side.
/// </summary>
public sealed class WorkflowLayout
{
    public const double BoxWidth = 190, BoxHeight = 46, ColumnGap = 36, RowGap = 62, Margin = 24, Lane = 26;

    public sealed record Box(string Id, string Type, double X, double Y, bool IsStart);
    public sealed record Arrow(string Source, string Target, string Outcome, string Path, double LabelX, double LabelY);

    public IReadOnlyList<Box> Boxes { get; }
    public IReadOnlyList<Arrow> Arrows { get; }
    public double Width { get; }
    public double Height { get; }

    public WorkflowLayout(WorkflowDefinition definition)
    {
        var ids = definition.Activities.Select(a => a.Id).Distinct().ToList();
        var rows = Rows(definition, ids);
        var byRow = ids.GroupBy(id => rows[id]).OrderBy(g => g.Key).ToList();
        var widest = byRow.Max(g => g.Count());
        // Lanes on both sides carry the arrows that skip rows, so they never cross a box.
        Width = (Margin + Lane) * 2 + widest * BoxWidth + (widest - 1) * ColumnGap;
        Height = Margin * 2 + byRow.Count * BoxHeight + (byRow.Count - 1) * RowGap;

        var boxes = new Dictionary<string, Box>();
        foreach (var (row, index) in byRow.Select((g, i) => (g.ToList(), i)))
        {
            var rowWidth = row.Count * BoxWidth + (row.Count - 1) * ColumnGap;
            for (var i = 0; i < row.Count; i++)
            {
                var node = definition.Activities.First(a => a.Id == row[i]);
                boxes[row[i]] = new Box(row[i], node.Type, (Width - rowWidth) / 2 + i * (BoxWidth + ColumnGap), Margin + index * (BoxHeight + RowGap), row[i] == definition.Start);
            }
        }
        Boxes = [.. boxes.Values];
        // Several outcomes leading to the same activity share one arrow, labelled with all of them.
        Arrows = [.. definition.Connections.Where(c => boxes.ContainsKey(c.Source) && boxes.ContainsKey(c.Target))
            .GroupBy(c => (c.Source, c.Target))
            .Select(g => ArrowBetween(boxes[g.Key.Source], boxes[g.Key.Target], string.Join(" / ", g.Select(c => c.Outcome))))];
    }

    private Arrow ArrowBetween(Box from, Box to, string outcome)
    {
        var (x1, y1) = (from.X + BoxWidth / 2, from.Y + BoxHeight);
        var (x2, y2) = (to.X + BoxWidth / 2, to.Y);
        string path;
        if (y2 - y1 > RowGap + BoxHeight)
        {
            // Skips a row: down into the gap, out to the nearer side lane, down it, and in above the target.
            var lane = x1 <= Width / 2 ? Margin + Lane / 2 : Width - Margin - Lane / 2;
            var (below, above) = (y1 + RowGap / 2, y2 - RowGap / 2);
            path = $"M {N(x1)} {N(y1)} L {N(x1)} {N(below)} L {N(lane)} {N(below)} L {N(lane)} {N(above)} L {N(x2)} {N(above)} L {N(x2)} {N(y2)}";
            return new Arrow(from.Id, to.Id, outcome, path, x1 + (lane < x1 ? -1 : 1) * 28, below - 9);
        }
        if (y2 > y1)
        {
            var bend = Math.Min(RowGap, (y2 - y1) / 2);
            path = $"M {N(x1)} {N(y1)} C {N(x1)} {N(y1 + bend)}, {N(x2)} {N(y2 - bend)}, {N(x2)} {N(y2)}";
        }
        else
        {
            // Back up the chart (a loop): round the side of the boxes.
            var side = Math.Max(from.X, to.X) + BoxWidth + ColumnGap / 2;
            path = $"M {N(from.X + BoxWidth)} {N(from.Y + BoxHeight / 2)} C {N(side)} {N(from.Y + BoxHeight / 2)}, {N(side)} {N(to.Y + BoxHeight / 2)}, {N(to.X + BoxWidth)} {N(to.Y + BoxHeight / 2)}";
        }
        var labelY = y2 > y1 ? y1 + Math.Min(22, (y2 - y1) / 2) : (from.Y + to.Y) / 2 + BoxHeight / 2;
        var labelX = y2 > y1 ? x1 + (x2 - x1) * 0.2 : Math.Max(from.X, to.X) + BoxWidth + ColumnGap / 2;
        return new Arrow(from.Id, to.Id, outcome, path, labelX, labelY);
    }

    private static Dictionary<string, int> Rows(WorkflowDefinition definition, List<string> ids)
    {
        // Forward connections: those not closing a loop, found by a depth-first walk from the start.
        var next = definition.Connections.GroupBy(c => c.Source).ToDictionary(g => g.Key, g => g.Select(c => c.Target).Distinct().ToList());
        var forward = new List<(string, string)>();
        var state = new Dictionary<string, int>();
        void Walk(string id)
        {
            state[id] = 1;
            foreach (var target in next.GetValueOrDefault(id, []))
            {
                if (state.GetValueOrDefault(target) == 1) continue;
                forward.Add((id, target));
                if (state.GetValueOrDefault(target) == 0) Walk(target);
            }
            state[id] = 2;
        }
        foreach (var root in new[] { definition.Start }.Concat(ids).Where(ids.Contains))
            if (state.GetValueOrDefault(root) == 0) Walk(root);

        var rows = ids.ToDictionary(id => id, _ => 0);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (source, target) in forward)
                if (rows.TryGetValue(source, out var s) && rows.TryGetValue(target, out var t) && t < s + 1)
                {
                    rows[target] = s + 1;
                    changed = true;
                }
        }
        return rows;
    }

    private static string N(double value) => value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
