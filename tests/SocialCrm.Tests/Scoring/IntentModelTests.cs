using System.Text.Json.Nodes;
using SocialCrm.Scoring.Intent;
using SocialCrm.Stages.Models;

namespace SocialCrm.Tests.Scoring;

/// <summary>The trained intent model against the keyword baseline on the fixed held-out quarter of the labelled set.</summary>
public class IntentModelTests
{
    private TrainedIntentModel _model = null!;
    private List<IntentExample> _heldOut = null!;

    [OneTimeSetUp]
    public void Train()
    {
        var (train, heldOut) = IntentEvaluation.Split(IntentExample.Shipped());
        _heldOut = heldOut;
        // The strength `train intent` chooses on its validation fifth; fixed here to keep the test to one fit.
        (_model, _) = IntentTrainer.Train(train, "test", fixedL2: 1e-6f);
    }

    [TestCase("en")]
    [TestCase("fi")]
    public void Beats_the_keyword_baseline_on_held_out_posts(string language)
    {
        var rows = _heldOut.Where(r => r.Language == language).ToList();
        var model = IntentEvaluation.Evaluate(_model, language, rows);
        var baseline = IntentEvaluation.Evaluate(new KeywordIntentBaseline(), language, rows);
        Assert.Multiple(() =>
        {
            Assert.That(model.MacroF1, Is.GreaterThan(baseline.MacroF1 + 0.05), "macro F1 over the five intents");
            Assert.That(model.F1[IntentResult.Complaint], Is.GreaterThan(baseline.F1[IntentResult.Complaint]), "complaints, the intent that matters most");
            Assert.That(model.MacroF1, Is.GreaterThan(0.65));
        });
    }

    [TestCase("Where can I download my invoices?", "en", "question")]
    [TestCase("The blender broke after two days and nobody answers my emails", "en", "complaint")]
    [TestCase("Please change my delivery address to Mannerheimintie 5", "en", "request")]
    [TestCase("Pesukone hajosi ja kukaan ei vastaa viesteihin", "fi", "complaint")]
    [TestCase("Kiitos tosi paljon, loistavaa palvelua!", "fi", "praise")]
    public void Reads_posts_it_has_not_seen(string text, string language, string intent)
    {
        var result = _model.Classify(text, language);
        Assert.That(result.Label, Is.EqualTo(intent));
        Assert.That(result.Reasons, Is.Not.Empty);
        Assert.That(result.Reasons.Select(r => r.Reason), Has.All.StartWith($"{intent}: "), "reasons name the words that made the intent");
        Assert.That(result.Reasons.Select(r => r.Reason), Has.None.EqualTo($"{intent}: 'and'").And.None.EqualTo($"{intent}: 'ja'"), "not grammar words");
    }

    [Test]
    public void Survives_a_save_and_load_and_refuses_a_model_of_another_shape()
    {
        var loaded = TrainedIntentModel.FromJson(_model.ToJson());
        Assert.That(loaded.Classify("how do I cancel my membership", "en").Label, Is.EqualTo(_model.Classify("how do I cancel my membership", "en").Label));
        var other = IntentTrainer.Train(IntentExample.Shipped().Take(60).ToList(), "small", bits: 12, fixedL2: 1e-3f).Model.ToJson().Replace("\"Bits\":12", "\"Bits\":14");
        Assert.That(() => TrainedIntentModel.FromJson(other), Throws.TypeOf<FormatException>().With.Message.Contains("train it again"));
    }

    [Test]
    public void The_labelled_set_has_300_posts_a_language_with_every_intent()
    {
        foreach (var language in new[] { "en", "fi" })
        {
            var rows = IntentExample.Shipped().Where(r => r.Language == language).ToList();
            Assert.That(rows, Has.Count.GreaterThanOrEqualTo(300), language);
            Assert.That(IntentResult.Labels.Select(l => rows.Count(r => r.Label == l)), Has.All.GreaterThanOrEqualTo(40), $"{language}: every intent well represented");
        }
    }

    [Test]
    public void A_bad_line_is_reported_with_its_number()
    {
        Assert.That(() => IntentExample.Read(new StringReader("complaint it broke\nrant this is not a label\n"), "en", "mine.txt"),
            Throws.TypeOf<FormatException>().With.Message.EqualTo("mine.txt line 2: unknown label 'rant' (expected complaint, question, praise, request, other)"));
        Assert.That(() => IntentExample.Read(new StringReader("# comment\n\nquestion\n"), "en", "mine.txt"),
            Throws.TypeOf<FormatException>().With.Message.StartsWith("mine.txt line 3:"));
    }

    [Test]
    public void The_shipped_model_classifies_like_the_one_train_makes_from_the_same_data()
    {
        var shipped = ShippedModel.All.Single(m => m.Kind == ModelKinds.Intent);
        Assert.That(JsonNode.Parse(shipped.MetricsJson)!["L2"]!.GetValue<double>(), Is.EqualTo(1e-6).Within(1e-12), "shipped with the strength this test trains with");

        // A change to the featuriser that the shipped file predates shows here: re-ship with `train intent --ship`.
        var model = TrainedIntentModel.FromJson(shipped.ModelJson);
        var pairs = _heldOut.Select(r => (Shipped: model.Classify(r.Text, r.Language), Trained: _model.Classify(r.Text, r.Language))).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(pairs.Count(p => p.Shipped.Label == p.Trained.Label), Is.EqualTo(pairs.Count), "held-out posts given the same intent");
            Assert.That(IntentEvaluation.Evaluate(model, "all", _heldOut).MacroF1, Is.EqualTo(IntentEvaluation.Evaluate(_model, "all", _heldOut).MacroF1).Within(1e-9));
        });
    }
}
