using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Classification;

/// <summary>A category and the lowest probability that reaches it.</summary>
public sealed record CategoryCutOff(ClassificationCategory Category, double MinProbability);
