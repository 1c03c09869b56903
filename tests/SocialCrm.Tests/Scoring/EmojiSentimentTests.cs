using SocialCrm.Scoring.Lexicons;
using SocialCrm.Scoring.Sentiment;
using SocialCrm.Scoring.Text;

namespace SocialCrm.Tests.Scoring;

/// <summary>Emoji carry sentiment, alone or beside words, in any language (the Emoji Sentiment Ranking).</summary>
public class EmojiSentimentTests
{
    private static readonly LexiconSentimentBaseline Baseline = new();

    private static SentimentResult Score(string text, string language = "und") => Baseline.Score(new AnalysedText(text, language));

    [Test]
    public void A_post_of_emoji_only_is_scored()
    {
        var angry = Score("😡😡😡💔");
        var delighted = Score("😍😍🙌");
        Assert.Multiple(() =>
        {
            Assert.That(angry.Label, Is.EqualTo(SentimentResult.Negative));
            Assert.That(angry.Reasons.Select(r => r.Reason), Has.Some.Contains("😡"), "the reason names the emoji");
            Assert.That(delighted.Label, Is.EqualTo(SentimentResult.Positive));
        });
    }

    [Test]
    public void Emoji_next_to_words_count_in_English_and_Finnish()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Score("my order is late again 😡", "en").Score, Is.LessThan(Score("my order is late again", "en").Score));
            Assert.That(Score("thanks for the quick help ❤️", "en").Score, Is.GreaterThan(Score("thanks for the quick help", "en").Score));
            Assert.That(Score("tilaus myöhässä taas 😡👎", "fi").Score, Is.LessThan(Score("tilaus myöhässä taas", "fi").Score));
        });
    }

    [Test]
    public void Emoji_are_tokens_of_their_own_without_their_selectors()
    {
        Assert.That(Tokenizer.Tokenize("great❤️👍🏽!"), Is.EqualTo(new[] { "great", "❤", "👍", "🏽", "!" }));
    }

    [Test]
    public void The_ranking_gives_the_emoji_seen_often_enough()
    {
        var emoji = LexiconResources.Emoji;
        Assert.Multiple(() =>
        {
            Assert.That(emoji, Has.Count.InRange(700, 800), "751 emoji occur at least five times in the ranking");
            Assert.That(emoji["😍"], Is.GreaterThan(2));
            Assert.That(emoji["😡"], Is.LessThan(0));
            Assert.That(emoji.ContainsKey("📔"), Is.False, "seen once: not counted");
        });
    }
}
