using System.IO.Compression;
using System.Reflection;
using System.Text.Json;

namespace SocialCrm.Stages.Models;

/// <summary>
/// A model shipped inside SocialCrm (Models/Shipped/*.json.gz), made by `socialcrm train sentiment --ship` and
/// `train intent --ship` from the human-rated texts and the labelled intent set, with the held-out figures of that run.
/// A fresh install scores with them from its first start instead of the baselines.
/// </summary>
public sealed record ShippedModel(string Kind, string Version, string Trainer, string TrainingData, string MetricsJson, string ModelJson)
{
    /// <summary>The kinds shipped: those trained from data that comes with SocialCrm, not from an install's own outcomes.</summary>
    public static readonly string[] Kinds = [ModelKinds.Sentiment, ModelKinds.Intent];

    private static readonly Lazy<IReadOnlyList<ShippedModel>> Embedded = new(() => Kinds.Select(Load).OfType<ShippedModel>().ToList());

    public static IReadOnlyList<ShippedModel> All => Embedded.Value;

    public static string FileName(string kind) => $"{kind}.json.gz";

    private static ShippedModel? Load(string kind)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("shipped-" + FileName(kind));
        return stream is null ? null : Read(stream);
    }

    public static ShippedModel Read(Stream gzip)
    {
        using var json = new GZipStream(gzip, CompressionMode.Decompress);
        return JsonSerializer.Deserialize<ShippedModel>(json) ?? throw new FormatException("the shipped model file is empty");
    }

    public void Write(string path)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        JsonSerializer.Serialize(gzip, this);
    }
}
