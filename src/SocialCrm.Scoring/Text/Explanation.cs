namespace SocialCrm.Scoring.Text;

/// <summary>One reason behind a score, in words an agent understands, with how much it moved the score.</summary>
public sealed record Explanation(string Reason, double Weight);
