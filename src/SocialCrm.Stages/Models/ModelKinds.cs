using SocialCrm.Scoring.Intent;
using SocialCrm.Scoring.ReplyKind;
using SocialCrm.Scoring.Sentiment;
using SocialCrm.Scoring.Value;

namespace SocialCrm.Stages.Models;

/// <summary>The four models of the analyse phase, each a trained version from the store or its baseline.</summary>
public static class ModelKinds
{
    public const string Sentiment = "sentiment", Intent = "intent", Value = "value", ReplyKind = "replykind";
    public static readonly string[] All = [Sentiment, Intent, Value, ReplyKind];

    public static object Baseline(string kind) => kind switch
    {
        Sentiment => new LexiconSentimentBaseline(),
        Intent => new KeywordIntentBaseline(),
        Value => new ValueFormulaBaseline(),
        ReplyKind => new ReplyKindBaseline(),
        _ => throw Unknown(kind),
    };

    public static object FromJson(string kind, string json) => kind switch
    {
        Sentiment => TrainedSentimentModel.FromJson(json),
        Intent => TrainedIntentModel.FromJson(json),
        Value => TrainedValueModel.FromJson(json),
        ReplyKind => TrainedReplyKindModel.FromJson(json),
        _ => throw Unknown(kind),
    };

    /// <summary>The model, or null when this version of SocialCrm cannot score the stored one (FormatException), with why.</summary>
    public static object? TryFromJson(string kind, string json) => TryFromJson(kind, json, out _);

    public static object? TryFromJson(string kind, string json, out string? why)
    {
        why = null;
        try { return FromJson(kind, json); }
        catch (FormatException e)
        {
            why = e.Message;
            return null;
        }
    }

    public static ArgumentException Unknown(string kind) => new($"unknown model kind '{kind}' (expected {string.Join(", ", All)})");
}
