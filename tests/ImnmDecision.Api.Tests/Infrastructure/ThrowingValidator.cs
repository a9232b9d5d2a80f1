using FluentValidation;
using FluentValidation.Results;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Api.Tests.Infrastructure;

/// <summary>A fault inside the handler, with patient data in its message, as a bug might produce one.</summary>
public sealed class ThrowingValidator : AbstractValidator<Findings>
{
    public const string Secret = "PATIENT-SECRET-9931";

    public override ValidationResult Validate(ValidationContext<Findings> context) =>
        throw new InvalidOperationException($"Boom while reading {Secret} with CK 77777");
}
