using System.Text;
using ImnmDecision.CdsHooks.Codes;

namespace ImnmDecision.CdsHooks.Prefetch;

/// <summary>
/// The prefetch templates of both services, built from the code lists so that a site's local codes are
/// searched too. Templates stay inside the CDS Hooks prefetch subset: instance reads, type searches by patient,
/// token searches, <c>_include</c> of referenced Medications, <c>_sort</c> and <c>_count</c>.
/// </summary>
internal sealed class PrefetchTemplates
{
    public const string Patient = "patient";
    public const string Ck = "ck";
    public const string MyositisAntibodies = "myositisAntibodies";
    public const string StatinRequests = "statinRequests";
    public const string StatinStatements = "statinStatements";
    public const string Biopsy = "biopsy";
    public const string Weight = "weight";
    public const string Labs = "labs";
    public const string Conditions = "conditions";
    public const string Pregnancy = "pregnancy";
    public const string StatinDispenses = "statinDispenses";
    public const string StatinAdministrations = "statinAdministrations";

    private const string PatientToken = "{{context.patientId}}";

    public PrefetchTemplates(CodeBook codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var lists = codes.Lists;
        var antibodyCodes = lists.Hmgcr.Concat(lists.Srp).Concat(lists.OtherMyositisAntibodies.Values.SelectMany(c => c));

        var patient = new PrefetchKey(Patient, $"Patient/{PatientToken}", true, "patient demographics");
        var ck = new PrefetchKey(Ck, $"Observation?patient={PatientToken}&code={Tokens(lists.Ck)}&_sort=-date&_count=5", true, "CK results");
        var antibodies = new PrefetchKey(MyositisAntibodies, $"Observation?patient={PatientToken}&code={Tokens(antibodyCodes)}&_sort=-date", true, "myositis antibody results");
        // _include brings the Medication an order or statement refers to, so a drug coded only there is recognised.
        var requests = new PrefetchKey(StatinRequests, $"MedicationRequest?patient={PatientToken}&_include=MedicationRequest:medication", true, "medication orders");
        var statements = new PrefetchKey(StatinStatements, $"MedicationStatement?patient={PatientToken}&_include=MedicationStatement:medication", false, "medication statements");
        var dispenses = new PrefetchKey(StatinDispenses, $"MedicationDispense?patient={PatientToken}&_include=MedicationDispense:medication", false, "medication dispenses");
        var administrations = new PrefetchKey(StatinAdministrations, $"MedicationAdministration?patient={PatientToken}&_include=MedicationAdministration:medication", false, "medication administrations");
        var biopsy = new PrefetchKey(Biopsy, $"DiagnosticReport?patient={PatientToken}&category={Tokens(lists.BiopsyReportCategories)}&_sort=-date&_count=10", false, "pathology (muscle biopsy) reports");
        var weight = new PrefetchKey(Weight, $"Observation?patient={PatientToken}&code={Tokens(lists.BodyWeight)}&_sort=-date&_count=1", false, "body weight");

        // LDH, AST, ALT (the classification's lab items) and the problem list (signs, weakness patterns, symptom onset).
        var labs = new PrefetchKey(Labs, $"Observation?patient={PatientToken}&code={Tokens(codes.Findings.LabCodes)}&_sort=-date&_count=15", false, "LDH, AST and ALT results");
        var conditions = new PrefetchKey(Conditions, $"Condition?patient={PatientToken}", false, "conditions (signs, weakness patterns, symptom onset)");

        // Pregnancy status results (patient.pregnant); pregnancy Conditions come with the conditions key.
        var pregnancy = new PrefetchKey(Pregnancy, $"Observation?patient={PatientToken}&code={Tokens(lists.Pregnancy.Observations)}&_sort=-date&_count=5", false, "pregnancy status");

        Assessment = lists.Pregnancy.Observations.Count > 0
            ? [patient, ck, antibodies, requests, statements, dispenses, administrations, biopsy, weight, labs, conditions, pregnancy]
            : [patient, ck, antibodies, requests, statements, dispenses, administrations, biopsy, weight, labs, conditions];
        StatinOrder = [antibodies, patient with { Required = false }, ck with { Required = false }];
    }

    /// <summary>The keys of <c>imnm-assessment</c> (patient-view).</summary>
    public IReadOnlyList<PrefetchKey> Assessment { get; }

    /// <summary>The keys of <c>imnm-statin-order</c> (order-select).</summary>
    public IReadOnlyList<PrefetchKey> StatinOrder { get; }

    /// <summary>A token search value: <c>system|code</c> pairs joined by commas, escaped as FHIR search requires.</summary>
    public static string Tokens(IEnumerable<CodeRef> codes) => string.Join(
        ',',
        codes.Select(c => $"{Escape(c.System.Trim())}|{Escape(c.Code.Trim())}").Distinct(StringComparer.Ordinal));

    // FHIR search escapes its own delimiters with a backslash; anything outside a URL-safe set is percent-encoded.
    private static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var ch in value)
        {
            if (ch is '\\' or ',' or '|' or '$')
            {
                text.Append('\\');
            }

            if (char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.' or '_' or '~' or ':' or '/' or '\\' or ',' or '|' or '$')
            {
                text.Append(ch);
            }
            else
            {
                foreach (var b in Encoding.UTF8.GetBytes([ch]))
                {
                    text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        return text.ToString();
    }
}
