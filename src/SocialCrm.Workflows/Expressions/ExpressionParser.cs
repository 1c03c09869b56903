namespace SocialCrm.Workflows.Expressions;

/// <summary>
/// Parses the condition language: literals, dotted names, ! - * / % + - &lt; &lt;= &gt; &gt;= == != &amp;&amp; ||,
/// parentheses and a fixed set of functions. No code runs but these operators, so admins' conditions are safe.
/// </summary>
public static class ExpressionParser
{
    /// <summary>Longer or deeper conditions are refused: the parser and evaluator recurse, and a crafted one would exhaust the stack.</summary>
    public const int MaxLength = 2_000, MaxNesting = 32;

    public static Expr Parse(string source)
    {
        if (string.IsNullOrWhiteSpace(source)) throw new ExpressionException("the expression is empty", 0);
        if (source.Length > MaxLength) throw new ExpressionException($"the expression is {source.Length} characters long; at most {MaxLength} are allowed", MaxLength);
        var p = new State(Lexer.Tokenize(source));
        var expr = p.Or();
        if (p.Current.Kind != TokenKind.End)
            throw new ExpressionException($"unexpected '{p.Current.Text}'", p.Current.Position);
        return expr;
    }

    private sealed class State(List<Token> tokens)
    {
        private int _index, _nesting;
        public Token Current => tokens[_index];
        private Token Next() => tokens[_index++];
        private bool IsOp(params string[] ops) => Current.Kind == TokenKind.Operator && ops.Contains(Current.Text);

        private Expr BinaryLevel(Func<Expr> operand, params string[] ops)
        {
            var left = operand();
            while (IsOp(ops))
            {
                var op = Next();
                left = new Binary(op.Text, left, operand(), op.Position);
            }
            return left;
        }

        /// <summary>Every nested level (parentheses, a function's argument, a prefix operator) passes through here once.</summary>
        private T Nested<T>(Func<T> parse)
        {
            if (++_nesting > MaxNesting) throw new ExpressionException($"the expression nests deeper than {MaxNesting} levels", Current.Position);
            try { return parse(); }
            finally { _nesting--; }
        }

        public Expr Or() => Nested(() => BinaryLevel(And, "||"));
        private Expr And() => BinaryLevel(Equality, "&&");
        private Expr Equality() => BinaryLevel(Comparison, "==", "!=");
        private Expr Comparison() => BinaryLevel(Additive, "<", "<=", ">", ">=");
        private Expr Additive() => BinaryLevel(Multiplicative, "+", "-");
        private Expr Multiplicative() => BinaryLevel(UnaryLevel, "*", "/", "%");

        private Expr UnaryLevel()
        {
            if (IsOp("!", "-"))
            {
                var op = Next();
                return new Unary(op.Text, Nested(UnaryLevel), op.Position);
            }
            return Postfix();
        }

        private Expr Postfix()
        {
            var expr = Primary();
            while (Current.Kind == TokenKind.Dot)
            {
                Next();
                var name = Next();
                if (name.Kind != TokenKind.Identifier) throw new ExpressionException("a name is expected after '.'", name.Position);
                expr = new Member(expr, name.Text, name.Position);
            }
            return expr;
        }

        private Expr Primary()
        {
            var t = Next();
            switch (t.Kind)
            {
                case TokenKind.Number: return new Literal(t.Number, t.Position);
                case TokenKind.String: return new Literal(t.Text, t.Position);
                case TokenKind.LeftParen:
                    var inner = Or();
                    Expect(TokenKind.RightParen, "')'");
                    return inner;
                case TokenKind.Identifier:
                    switch (t.Text)
                    {
                        case "true": return new Literal(true, t.Position);
                        case "false": return new Literal(false, t.Position);
                        case "null": return new Literal(null, t.Position);
                    }
                    return Current.Kind == TokenKind.LeftParen ? CallOf(t) : new Identifier(t.Text, t.Position);
                case TokenKind.End: throw new ExpressionException("the expression ends too early", t.Position);
                default: throw new ExpressionException($"unexpected '{t.Text}'", t.Position);
            }
        }

        private Call CallOf(Token name)
        {
            if (!Functions.Arity.TryGetValue(name.Text, out var arity))
                throw new ExpressionException($"unknown function '{name.Text}' (known: {string.Join(", ", Functions.Arity.Keys)})", name.Position);
            Next();
            var args = new List<Expr>();
            if (Current.Kind != TokenKind.RightParen)
            {
                args.Add(Or());
                while (Current.Kind == TokenKind.Comma) { Next(); args.Add(Or()); }
            }
            Expect(TokenKind.RightParen, "')'");
            if (args.Count != arity)
                throw new ExpressionException($"{name.Text}() takes {arity} argument(s), got {args.Count}", name.Position);
            return new Call(name.Text, args, name.Position);
        }

        private void Expect(TokenKind kind, string what)
        {
            if (Current.Kind != kind) throw new ExpressionException($"{what} expected", Current.Position);
            Next();
        }
    }
}
