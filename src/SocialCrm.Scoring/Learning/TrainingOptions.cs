namespace SocialCrm.Scoring.Learning;

/// <summary>L2 is the weight of (λ/2)‖w‖² against the mean loss; biases are not regularised.</summary>
public sealed record TrainingOptions(double L2 = 1e-4, int MaxIterations = 300, double GradientTolerance = 1e-6);

public sealed record TrainingReport(int Iterations, double Loss, string Stop, TimeSpan Elapsed);
