using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Evaluation;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Engine;

/// <summary>
/// The engine: findings in, cited assessment out. Thread-safe; each thread reuses its own evaluation
/// buffers, so scoring allocates only the answer.
/// </summary>
public sealed class AssessmentEngine
{
    [ThreadStatic]
    private static CaseDecisions? buffer;

    private readonly Evaluator evaluator;
    private readonly Func<Guid> newId;

    /// <summary>Creates an engine over a loaded ruleset.</summary>
    /// <param name="ruleset">The rules.</param>
    /// <param name="newId">Makes assessment ids (tests pin them).</param>
    /// <param name="variant">Which of <see cref="EngineVariants"/> decides the rules; the fast one unless named.</param>
    public AssessmentEngine(Ruleset ruleset, Func<Guid>? newId = null, EngineVariant? variant = null)
    {
        ArgumentNullException.ThrowIfNull(ruleset);
        Ruleset = ruleset;
        evaluator = new Evaluator(ruleset, (variant ?? EngineVariants.Fast).Deciding);
        this.newId = newId ?? Guid.NewGuid;
    }

    /// <summary>The ruleset in use.</summary>
    public Ruleset Ruleset { get; }

    /// <summary>Assesses one validated case.</summary>
    public Assessment Assess(Findings findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var evaluation = Evaluate(findings);
        return AssessmentBuilder.Build(evaluation, findings, newId());
    }

    /// <summary>
    /// Evaluates one validated case without building the answer (for summaries and benchmarks). The result
    /// is this thread's buffer: read it before the next call on the same thread.
    /// </summary>
    public CaseDecisions Evaluate(Findings findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return Evaluate(findings.Values);
    }

    /// <summary>Evaluates one validated case's values; the result is this thread's buffer, as for <see cref="Evaluate(Findings)"/>.</summary>
    internal CaseDecisions Evaluate(FindingValues findings)
    {
        var evaluation = buffer is { } cached && ReferenceEquals(cached.Ruleset, Ruleset) ? cached : buffer = evaluator.CreateDecisions();
        evaluator.Evaluate(findings, evaluation);
        return evaluation;
    }
}
