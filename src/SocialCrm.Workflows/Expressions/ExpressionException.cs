namespace SocialCrm.Workflows.Expressions;

/// <summary>A condition that cannot be parsed or evaluated; Position is the 0-based character offset.</summary>
public sealed class ExpressionException(string message, int position) : Exception(message)
{
    public int Position { get; } = position;
}
