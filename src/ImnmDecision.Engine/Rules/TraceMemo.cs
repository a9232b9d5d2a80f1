using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Rules;

/// <summary>A condition's trace for one version of one case's facts.</summary>
internal sealed record TraceMemo(FactSet Facts, long Version, ConditionTrace Trace);
