using FluentValidation;
using FluentValidation.Results;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Api.Tests.Infrastructure;

/// <summary>The real validator, counting its calls: the handler calls it first, so zero calls mean the handler never ran.</summary>
public sealed class CountingValidator : AbstractValidator<Findings>
{
    private readonly FindingsValidator inner = new();
    private int calls;

    public int Calls => Volatile.Read(ref calls);

    public override ValidationResult Validate(ValidationContext<Findings> context)
    {
        Interlocked.Increment(ref calls);
        return inner.Validate(context);
    }
}
