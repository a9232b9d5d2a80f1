using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Fhir;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// Resolves <c>medicationReference</c>: a contained Medication (<c>#id</c>), else a Medication that arrived
/// with the data (a search's <c>_include</c>, a separate fetch), found by relative reference, by absolute URL
/// or by the Bundle entry's <c>fullUrl</c> (<c>urn:uuid:...</c>).
/// </summary>
internal sealed class MedicationIndex
{
    private readonly Dictionary<string, Medication> byReference = new(StringComparer.Ordinal);

    public MedicationIndex(IEnumerable<FhirEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries.Where(e => e.Resource is Medication))
        {
            var medication = (Medication)entry.Resource;
            if (entry.RelativeReference is { } relative)
            {
                byReference.TryAdd(relative, medication);
            }

            if (entry.FullUrl is { Length: > 0 } fullUrl)
            {
                byReference.TryAdd(fullUrl, medication);
            }
        }
    }

    /// <summary>The medication of an order or statement as a concept, and whether a reference was left unresolved.</summary>
    public (CodeableConcept? Concept, bool Unresolved) Concept(DomainResource owner, DataType? medication)
    {
        var (concept, _, unresolved) = Resolve(owner, medication);
        return (concept, unresolved);
    }

    /// <summary>
    /// The medication as a concept, the coded ingredients of a referenced Medication (a compounded or multi-ingredient
    /// Medication may carry no code of its own, as the FHIR specification's examples med0317 to med0319 do), and
    /// whether a reference was left unresolved.
    /// </summary>
    public (CodeableConcept? Concept, IReadOnlyList<CodeableConcept> Ingredients, bool Unresolved) Resolve(DomainResource owner, DataType? medication)
    {
        ArgumentNullException.ThrowIfNull(owner);
        switch (medication)
        {
            case CodeableConcept concept:
                return (concept, [], false);
            case ResourceReference reference when FhirValues.Reference(reference) is { Length: > 0 } target:
                var found = target.StartsWith('#')
                    ? (owner.Contained ?? []).OfType<Medication>().FirstOrDefault(m => FhirValues.Id(m) == target[1..])
                    : Find(target);
                return (found?.Code, Ingredients(found), found is null);
            default:
                return (null, [], false);
        }
    }

    /// <summary>
    /// The dosage texts of an order or statement ("Atorvastatin 40mg 1x täglich abends", as the MII test data write
    /// them), which name the drug when its Medication cannot be had.
    /// </summary>
    public static IEnumerable<string> DosageTexts(DomainResource owner) => (owner switch
    {
        MedicationRequest order => (order.DosageInstruction ?? []).Select(d => FhirValues.Text(d?.TextElement)),
        MedicationStatement statement => (statement.Dosage ?? []).Select(d => FhirValues.Text(d?.TextElement)),
        MedicationDispense dispense => (dispense.DosageInstruction ?? []).Select(d => FhirValues.Text(d?.TextElement)),
        MedicationAdministration given => [FhirValues.Text(given.Dosage?.TextElement)],
        _ => [],
    }).OfType<string>();

    /// <summary>The <c>medication[x]</c> of an order, statement, dispense or administration; <c>null</c> for any other resource.</summary>
    public static DataType? MedicationOf(Resource resource) => resource switch
    {
        MedicationRequest order => order.Medication,
        MedicationStatement statement => statement.Medication,
        MedicationDispense dispense => dispense.Medication,
        MedicationAdministration given => given.Medication,
        _ => null,
    };

    /// <summary>The ingredients of a Medication given as concepts (<c>ingredient.itemCodeableConcept</c>).</summary>
    public static IReadOnlyList<CodeableConcept> Ingredients(Medication? medication) =>
        [.. (medication?.Ingredient ?? []).Select(i => i?.Item).OfType<CodeableConcept>()];

    /// <summary>The relative reference (<c>Medication/id</c>) of an external medication reference, or <c>null</c>.</summary>
    public static string? Relative(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var path = target.Split('?', '#')[0];
        var marker = path.LastIndexOf("Medication/", StringComparison.Ordinal);
        if (marker < 0 || (marker > 0 && path[marker - 1] != '/'))
        {
            return null;
        }

        var id = path[(marker + "Medication/".Length)..].Split('/')[0];
        return id.Length > 0 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.') && id.Length <= 64 ? $"Medication/{id}" : null;
    }

    private Medication? Find(string target) =>
        byReference.TryGetValue(target, out var direct) ? direct
        : Relative(target) is { } relative && byReference.TryGetValue(relative, out var byId) ? byId
        : null;
}
