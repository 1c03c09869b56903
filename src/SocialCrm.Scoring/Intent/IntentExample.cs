using System.Reflection;

namespace SocialCrm.Scoring.Intent;

/// <summary>
/// One labelled post of the intent set (Intent/Data/README.md): written by the team, one "label text" line each,
/// in English and Finnish. Line is the line number in its file, which also keys the fixed held-out split.
/// </summary>
public sealed record IntentExample(string Language, string Label, string Text, int Line)
{
    public int Class => Array.IndexOf(IntentResult.Labels, Label);

    /// <summary>Reads "label text" lines; an unknown label or a line without text is an error naming the line.</summary>
    public static List<IntentExample> Read(TextReader reader, string language, string source)
    {
        var examples = new List<IntentExample>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#')) continue;
            var space = line.IndexOf(' ');
            var label = space < 0 ? line : line[..space];
            if (space < 0 || string.IsNullOrWhiteSpace(line[space..]))
                throw new FormatException($"{source} line {number}: expected a label, a space and the post's text");
            if (!IntentResult.Labels.Contains(label))
                throw new FormatException($"{source} line {number}: unknown label '{label}' (expected {string.Join(", ", IntentResult.Labels)})");
            examples.Add(new IntentExample(language, label, line[(space + 1)..].Trim(), number));
        }
        return examples;
    }

    /// <summary>The labelled set shipped in this assembly: English and Finnish.</summary>
    public static IReadOnlyList<IntentExample> Shipped() => [.. ReadResource("en"), .. ReadResource("fi")];

    private static List<IntentExample> ReadResource(string language)
    {
        var name = $"intent-{language}.txt";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{name} is not embedded");
        using var reader = new StreamReader(stream);
        return Read(reader, language, name);
    }
}
