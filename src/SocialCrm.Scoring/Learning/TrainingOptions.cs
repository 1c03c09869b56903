namespace SocialCrm.Scoring.Learning;

/// <summary>
/// L2 is the weight of (λ/2)‖w‖² against the mean loss. Biases are not regularised, nor are features from index
/// UnpenalisedFrom on (a few dense, trusted features such as a lexicon score, which should not shrink with the many).
/// </summary>
public sealed record TrainingOptions(double L2 = 1e-4, int MaxIterations = 300, double GradientTolerance = 1e-5, int UnpenalisedFrom = int.MaxValue);

public sealed record TrainingReport(int Iterations, double Loss, string Stop, TimeSpan Elapsed);
