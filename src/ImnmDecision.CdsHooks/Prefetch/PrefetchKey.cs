namespace ImnmDecision.CdsHooks.Prefetch;

/// <summary>A prefetch template a service asks the EHR for.</summary>
/// <param name="Name">The prefetch key, for example <c>ck</c>.</param>
/// <param name="Template">The FHIR R4 read or search, with <c>{{context.patientId}}</c> tokens.</param>
/// <param name="Required">
/// Whether the service cannot work without it: a required key that is neither prefetched nor fetchable answers
/// 412. An optional key that is missing is reported on the card as not provided.
/// </param>
/// <param name="Description">What it holds, for cards and errors ("CK results").</param>
internal sealed record PrefetchKey(string Name, string Template, bool Required, string Description);
