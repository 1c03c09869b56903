using System.Globalization;

namespace SocialCrm.Scoring.Sentiment;

/// <summary>A text rated by people: Rating is the mean of about 20 ratings from -4 to +4 (VADER ground truth).</summary>
public sealed record RatedText(string Source, string Id, double Rating, string Text)
{
    /// <summary>The usual binarisation: below -0.5 negative, above 0.5 positive, else neutral (0, 1, 2).</summary>
    public int Class => Rating < -0.5 ? 0 : Rating > 0.5 ? 2 : 1;

    public static readonly string[] Classes = [SentimentResult.Negative, SentimentResult.Neutral, SentimentResult.Positive];

    /// <summary>Reads id TAB rating TAB text lines; a malformed line is an error naming the file and line.</summary>
    public static IEnumerable<RatedText> Read(string path, string source)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var parts = line.TrimEnd('\r').Split('\t', 3);
            if (parts.Length < 3 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var rating))
                throw new FormatException($"{Path.GetFileName(path)} line {number}: expected id<TAB>rating<TAB>text");
            yield return new RatedText(source, parts[0], rating, parts[2]);
        }
    }

    /// <summary>The three VADER ground-truth sets in a folder (tweets, movie reviews, NYT editorials).</summary>
    public static IReadOnlyList<RatedText> ReadGroundTruth(string folder) =>
    [
        .. Read(Path.Combine(folder, "tweets_GroundTruth.txt"), "tweets"),
        .. Read(Path.Combine(folder, "movieReviewSnippets_GroundTruth.txt"), "movies"),
        .. Read(Path.Combine(folder, "nytEditorialSnippets_GroundTruth.txt"), "editorials"),
    ];
}
