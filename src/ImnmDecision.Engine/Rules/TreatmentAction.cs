using ImnmDecision.Engine.Assessments;

namespace ImnmDecision.Engine.Rules;

/// <summary>Offers a treatment option with its dose and cautions. The first rule that offers an option decides its role.</summary>
public sealed record TreatmentAction(TreatmentId Treatment, TreatmentRole Role, DoseSpec? Dose, IReadOnlyList<Caution> Cautions) : RuleAction;
