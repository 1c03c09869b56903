using System.Globalization;

namespace SocialCrm.Workflows.Expressions;

internal enum TokenKind { Number, String, Identifier, Operator, LeftParen, RightParen, Comma, Dot, End }

internal readonly record struct Token(TokenKind Kind, string Text, int Position, double Number = 0);

internal static class Lexer
{
    private static readonly string[] Operators = ["&&", "||", "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "!"];

    public static List<Token> Tokenize(string source)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            var start = i;
            if (char.IsDigit(c))
            {
                while (i < source.Length && (char.IsDigit(source[i]) || source[i] == '.')) i++;
                var text = source[start..i];
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
                    throw new ExpressionException($"'{text}' is not a number", start);
                tokens.Add(new Token(TokenKind.Number, text, start, n));
                continue;
            }
            if (c is '\'' or '"')
            {
                i++;
                while (i < source.Length && source[i] != c) i++;
                if (i >= source.Length) throw new ExpressionException("unterminated string", start);
                tokens.Add(new Token(TokenKind.String, source[(start + 1)..i], start));
                i++;
                continue;
            }
            if (char.IsLetter(c) || c == '_')
            {
                while (i < source.Length && (char.IsLetterOrDigit(source[i]) || source[i] == '_')) i++;
                tokens.Add(new Token(TokenKind.Identifier, source[start..i], start));
                continue;
            }
            switch (c)
            {
                case '(': tokens.Add(new Token(TokenKind.LeftParen, "(", i++)); continue;
                case ')': tokens.Add(new Token(TokenKind.RightParen, ")", i++)); continue;
                case ',': tokens.Add(new Token(TokenKind.Comma, ",", i++)); continue;
                case '.': tokens.Add(new Token(TokenKind.Dot, ".", i++)); continue;
            }
            var op = Operators.FirstOrDefault(o => string.CompareOrdinal(source, i, o, 0, o.Length) == 0);
            if (op is null) throw new ExpressionException($"unexpected character '{c}'", i);
            tokens.Add(new Token(TokenKind.Operator, op, i));
            i += op.Length;
        }
        tokens.Add(new Token(TokenKind.End, "", source.Length));
        return tokens;
    }
}
