namespace SocialCrm.Workflows.Expressions;

/// <summary>The dotted names an expression reads (value.score, settings.vipValue), so validation can resolve them.</summary>
public static class ExpressionReferences
{
    public static IEnumerable<(string Path, int Position)> Of(Expr expr)
    {
        switch (expr)
        {
            case Identifier or Member when PathOf(expr) is { } path:
                yield return (path, expr.Position);
                break;
            case Member m:
                foreach (var r in Of(m.Target)) yield return r;
                break;
            case Unary u:
                foreach (var r in Of(u.Operand)) yield return r;
                break;
            case Binary b:
                foreach (var r in Of(b.Left).Concat(Of(b.Right))) yield return r;
                break;
            case Call c:
                foreach (var r in c.Arguments.SelectMany(Of)) yield return r;
                break;
        }
    }

    /// <summary>a.b.c for a chain of members on a name; null when the chain starts elsewhere (a call's result).</summary>
    private static string? PathOf(Expr expr) => expr switch
    {
        Identifier i => i.Name,
        Member m when PathOf(m.Target) is { } target => $"{target}.{m.Name}",
        _ => null,
    };
}
