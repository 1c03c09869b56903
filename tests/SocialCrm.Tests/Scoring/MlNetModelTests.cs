using Microsoft.ML;
using Microsoft.ML.Data;
using SocialCrm.Scoring.Learning.MlNet;

namespace SocialCrm.Tests.Scoring;

/// <summary>
/// ML.NET's binary models scored from the parameters read out of their saved file: the same probabilities as ML.NET's
/// own PredictionEngine, and reasons that account for the whole score.
/// </summary>
public class MlNetModelTests
{
    private List<double[]> _rows = null!;
    private List<bool> _labels = null!;

    [OneTimeSetUp]
    public void Data()
    {
        // Two numeric features and a one-hot pair (zeros exercise the trees' handling of exact values), with an interaction.
        var random = new Random(7);
        _rows = [.. Enumerable.Range(0, 3000).Select(_ =>
        {
            var hot = random.Next(2);
            return new[] { random.NextDouble() * 4 - 2, random.NextDouble() * 4 - 2, hot, 1 - hot };
        })];
        _labels = [.. _rows.Select(x => random.NextDouble() < 1 / (1 + Math.Exp(-(1.5 * x[0] - x[1] * x[2]))))];
    }

    private static IEnumerable<BinaryTrainerSetting> OneOfEach() => [BinaryTrainer.Linear().ElementAt(1), BinaryTrainer.LightGbm().ElementAt(1)];

    [TestCaseSource(nameof(OneOfEach))]
    public void Read_out_parameters_score_as_MLNET_does(BinaryTrainerSetting setting)
    {
        var model = BinaryTrainer.Train(_rows, _labels, setting);
        Assert.That(model.Trainer, Is.EqualTo(setting.Trainer));

        var ml = new MLContext();
        var transformer = ml.Model.Load(new MemoryStream(model.Zip), out _);
        var scored = transformer.Transform(BinaryTrainer.Load(ml, _rows.Take(500).ToList(), _labels.Take(500).ToList()));
        var probabilities = scored.GetColumn<float>("Probability").ToList();
        var scores = scored.GetColumn<float>("Score").ToList();
        for (var i = 0; i < probabilities.Count; i++)
        {
            Assert.That(model.RawScore(_rows[i]), Is.EqualTo(scores[i]).Within(1e-4), $"row {i}");
            Assert.That(model.Probability(_rows[i]), Is.EqualTo(probabilities[i]).Within(1e-5), $"row {i}");
        }
    }

    [TestCaseSource(nameof(OneOfEach))]
    public void Reasons_account_for_the_difference_between_two_rows_log_odds(BinaryTrainerSetting setting)
    {
        var model = BinaryTrainer.Train(_rows, _labels, setting);
        double Logit(double[] x) => Math.Log(model.Probability(x) / (1 - model.Probability(x)));
        double Pushes(double[] x)
        {
            var push = new double[x.Length];
            model.Contributions(x, push);
            return push.Sum();
        }
        for (var i = 0; i < 50; i++)
        {
            var (a, b) = (_rows[i], _rows[i + 50]);
            Assert.That(Pushes(a) - Pushes(b), Is.EqualTo(Logit(a) - Logit(b)).Within(1e-6), $"rows {i} and {i + 50}");
        }
        // The feature that drives the outcome is the one the reasons name most.
        var first = new double[4];
        var total = new double[4];
        foreach (var x in _rows.Take(500))
        {
            model.Contributions(x, first);
            for (var j = 0; j < 4; j++) total[j] += Math.Abs(first[j]);
        }
        Assert.That(Array.IndexOf(total, total.Max()), Is.Zero);
    }

    [TestCaseSource(nameof(OneOfEach))]
    public void Trains_on_a_few_dozen_rows(BinaryTrainerSetting setting)
    {
        // A new store's first training: the closed loop has measured only a few dozen cases.
        var model = BinaryTrainer.Train(_rows.Take(40).ToList(), _labels.Take(40).ToList(), setting);
        Assert.That(model.Probability(_rows[0]), Is.InRange(0.0, 1.0));
    }

    [Test]
    public void A_file_that_is_not_a_binary_model_is_refused_with_the_reason()
    {
        Assert.That(() => BinaryModel.Load([1, 2, 3]), Throws.TypeOf<FormatException>().With.Message.Contains("train it again"));

        var ml = new MLContext();
        var data = BinaryTrainer.Load(ml, _rows, _labels);
        var regression = ml.Regression.Trainers.Sdca(labelColumnName: "Label", featureColumnName: "Features");
        var labelled = ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Single).Append(regression).Fit(data);
        using var file = new MemoryStream();
        ml.Model.Save(labelled, data.Schema, file);
        Assert.That(() => BinaryModel.Load(file.ToArray()), Throws.TypeOf<FormatException>().With.Message.Contains("does not score"));
    }
}
