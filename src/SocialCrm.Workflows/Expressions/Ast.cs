using System.Text.Json.Nodes;

namespace SocialCrm.Workflows.Expressions;

/// <summary>A parsed, immutable expression tree; safe to cache and share between threads.</summary>
public abstract record Expr(int Position)
{
    public abstract object? Evaluate(JsonObject scope);
}

internal sealed record Literal(object? Value, int Position) : Expr(Position)
{
    public override object? Evaluate(JsonObject scope) => Value;
}

internal sealed record Identifier(string Name, int Position) : Expr(Position)
{
    public override object? Evaluate(JsonObject scope) =>
        scope.TryGetPropertyValue(Name, out var node) ? Values.FromNode(node) : null;
}

/// <summary>a.b: a missing member is null, so conditions on optional data read naturally.</summary>
internal sealed record Member(Expr Target, string Name, int Position) : Expr(Position)
{
    public override object? Evaluate(JsonObject scope) =>
        Target.Evaluate(scope) is JsonObject o && o.TryGetPropertyValue(Name, out var node) ? Values.FromNode(node) : null;
}

internal sealed record Unary(string Op, Expr Operand, int Position) : Expr(Position)
{
    public override object? Evaluate(JsonObject scope)
    {
        var v = Operand.Evaluate(scope);
        return Op == "!" ? !Values.IsTruthy(v) : -Values.ToNumber(v, Position);
    }
}

internal sealed record Binary(string Op, Expr Left, Expr Right, int Position) : Expr(Position)
{
    public override object? Evaluate(JsonObject scope)
    {
        switch (Op)
        {
            case "&&": return Values.IsTruthy(Left.Evaluate(scope)) && Values.IsTruthy(Right.Evaluate(scope));
            case "||": return Values.IsTruthy(Left.Evaluate(scope)) || Values.IsTruthy(Right.Evaluate(scope));
        }
        var l = Left.Evaluate(scope);
        var r = Right.Evaluate(scope);
        switch (Op)
        {
            case "==": return Values.AreEqual(l, r);
            case "!=": return !Values.AreEqual(l, r);
            case "+" when l is string || r is string: return Values.Format(l) + Values.Format(r);
            // Ordering against a missing value is false, as in SQL, so conditions on optional data do not fault.
            case "<" or "<=" or ">" or ">=" when l is null || r is null: return false;
        }
        var x = Values.ToNumber(l, Left.Position);
        var y = Values.ToNumber(r, Right.Position);
        return Op switch
        {
            "<" => x < y,
            "<=" => x <= y,
            ">" => x > y,
            ">=" => x >= y,
            "+" => x + y,
            "-" => x - y,
            "*" => x * y,
            "/" => y == 0 ? throw new ExpressionException("division by zero", Position) : x / y,
            "%" => y == 0 ? throw new ExpressionException("division by zero", Position) : x % y,
            _ => throw new ExpressionException($"unknown operator '{Op}'", Position),
        };
    }
}

internal sealed record Call(string Name, IReadOnlyList<Expr> Arguments, int Position) : Expr(Position)
{
    public override object? Evaluate(JsonObject scope)
    {
        var args = Arguments.Select(a => a.Evaluate(scope)).ToArray();
        return Functions.Invoke(Name, args, Position);
    }
}
