using System.Globalization;
using System.Text.Json.Nodes;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// A golden case's findings as an EHR would hold them in FHIR R4 (Patient, CK and antibody Observations,
/// statin MedicationRequests), shaped like the CDS Hooks spec examples, and the part of the findings that this
/// record expresses (what the REST call gets for the same facts). Each case uses one of several encodings real
/// labs and EHRs send (interpretation code, SNOMED value, text, quantity against the lab limit; RxNorm, ATC or
/// display text only; U/L spellings), chosen by the case's position so every encoding meets many cases.
/// </summary>
internal sealed class GoldenFhirRecord
{
    private static readonly Dictionary<string, (string RxNorm, string Atc)> Statins = new(StringComparer.Ordinal)
    {
        ["atorvastatin"] = ("83367", "C10AA05"),
        ["simvastatin"] = ("36567", "C10AA01"),
        ["pravastatin"] = ("42463", "C10AA03"),
        ["rosuvastatin"] = ("301542", "C10AA07"),
    };

    private GoldenFhirRecord(JsonObject call, JsonObject findings)
    {
        Call = call;
        Findings = findings;
    }

    /// <summary>The patient-view call with every prefetch key filled (null where the record holds nothing).</summary>
    public JsonObject Call { get; }

    /// <summary>The findings the record expresses, for the REST call.</summary>
    public JsonObject Findings { get; }

    public static GoldenFhirRecord From(JsonObject golden, int variant, DateOnly today)
    {
        var findings = new JsonObject();
        var prefetch = new JsonObject
        {
            ["statinStatements"] = null,
            ["biopsy"] = null,
            ["weight"] = null,
            ["labs"] = null,
            ["conditions"] = null,
        };
        prefetch["patient"] = Patient(golden["patient"] as JsonObject, findings, today);
        prefetch["ck"] = Ck(golden["ck"] as JsonObject, findings, variant);
        prefetch["myositisAntibodies"] = Antibodies(golden["antibodies"] as JsonObject, findings, variant);
        prefetch["statinRequests"] = StatinOrders(golden["statin"] as JsonObject, findings, variant);
        var call = new JsonObject
        {
            ["hookInstance"] = Guid.NewGuid().ToString(),
            ["hook"] = "patient-view",
            ["context"] = new JsonObject { ["userId"] = "Practitioner/p-1", ["patientId"] = "pt-1" },
            ["prefetch"] = prefetch,
        };
        return new GoldenFhirRecord(call, findings);
    }

    private static JsonObject Patient(JsonObject? patient, JsonObject findings, DateOnly today)
    {
        var resource = new JsonObject { ["resourceType"] = "Patient", ["id"] = "pt-1" };
        var expressed = new JsonObject();
        if (patient?["sex"]?.GetValue<string>() is { } sex)
        {
            resource["gender"] = sex;
            expressed["sex"] = sex;
        }

        if (patient?["ageYears"] is { } ageNode)
        {
            var age = (int)Math.Floor(ageNode.GetValue<double>());
            resource["birthDate"] = today.AddYears(-age).AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            expressed["ageYears"] = age;
        }

        if (expressed.Count > 0)
        {
            findings["patient"] = expressed;
        }

        return resource;
    }

    private static JsonObject? Ck(JsonObject? ck, JsonObject findings, int variant)
    {
        if (ck?["value"] is not { } value)
        {
            return null;
        }

        var unit = ck["unit"]?.GetValue<string>() ?? "U/L";
        var spelled = unit == "U/L" ? (variant % 3) switch { 0 => "U/L", 1 => "[IU]/L", _ => "IU/L" } : unit;
        var observation = Observation("ck-1", "http://loinc.org", "2157-6", "Creatine kinase [Enzymatic activity/volume] in Serum or Plasma");
        observation["valueQuantity"] = Quantity(value.DeepClone(), spelled);
        var expressed = new JsonObject { ["value"] = value.DeepClone(), ["unit"] = unit };
        if (ck["upperLimitOfNormal"] is { } uln)
        {
            observation["referenceRange"] = new JsonArray(new JsonObject { ["high"] = Quantity(uln.DeepClone(), spelled) });
            expressed["upperLimitOfNormal"] = uln.DeepClone();
        }

        findings["ck"] = expressed;
        return Bundle(observation);
    }

    private static JsonObject? Antibodies(JsonObject? antibodies, JsonObject findings, int variant)
    {
        var observations = new List<JsonObject>();
        var expressed = new JsonObject();
        foreach (var (name, loinc, display) in new[] { ("hmgcr", "93493-5", "HMGCR IgG Ab [Units/volume] in Serum by Immunoassay"), ("srp", "33921-8", "Signal recognition particle Ab [Presence] in Serum") })
        {
            var result = antibodies?[name]?.GetValue<string>();
            if (result is not ("positive" or "negative" or "equivocal"))
            {
                continue;
            }

            var observation = Observation($"{name}-1", "http://loinc.org", loinc, display);
            Encode(observation, result, variant + observations.Count);
            observations.Add(observation);
            expressed[name] = result;
        }

        if (expressed.Count > 0)
        {
            findings["antibodies"] = expressed;
        }

        return observations.Count == 0 ? null : Bundle([.. observations]);
    }

    // The result in one of the shapes labs send; equivocal where a shape has no equivocal form goes as text.
    private static void Encode(JsonObject observation, string result, int variant)
    {
        switch (variant % 4)
        {
            case 0:
                var code = result switch { "positive" => "POS", "negative" => "NEG", _ => "IND" };
                observation["interpretation"] = new JsonArray(new JsonObject { ["coding"] = new JsonArray(Coding("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", code, null)) });
                break;
            case 1:
                var snomed = result switch { "positive" => ("10828004", "Positive"), "negative" => ("260385009", "Negative"), _ => ("42425007", "Equivocal") };
                observation["valueCodeableConcept"] = new JsonObject { ["coding"] = new JsonArray(Coding("http://snomed.info/sct", snomed.Item1, snomed.Item2)), ["text"] = snomed.Item2 };
                break;
            case 2:
                observation["valueString"] = result switch { "positive" => "Detected", "negative" => "Not detected", _ => "Borderline" };
                break;
            default:
                if (result == "equivocal")
                {
                    observation["valueString"] = "Indeterminate";
                    break;
                }

                observation["valueQuantity"] = Quantity(result == "positive" ? 86 : 4, "{CU}");
                observation["referenceRange"] = new JsonArray(new JsonObject { ["high"] = Quantity(19, "{CU}"), ["text"] = "<20 CU negative" });
                break;
        }
    }

    private static JsonObject? StatinOrders(JsonObject? statin, JsonObject findings, int variant)
    {
        var exposure = statin?["exposure"]?.GetValue<string>();
        if (exposure is not ("current" or "past"))
        {
            return null;
        }

        var drug = statin!["drug"]?.GetValue<string>() ?? "atorvastatin";
        var (rxNorm, atc) = Statins[drug];
        var shown = $"{char.ToUpperInvariant(drug[0])}{drug[1..]} 40 mg tablet";
        var medication = (variant % 3) switch
        {
            0 => new JsonObject { ["coding"] = new JsonArray(Coding("http://www.nlm.nih.gov/research/umls/rxnorm", rxNorm, drug)), ["text"] = shown },
            1 => new JsonObject { ["coding"] = new JsonArray(Coding("http://www.whocc.no/atc", atc, drug)) },
            _ => new JsonObject { ["text"] = shown },
        };
        var order = new JsonObject
        {
            ["resourceType"] = "MedicationRequest",
            ["id"] = "mr-1",
            ["status"] = exposure == "current" ? "active" : variant % 2 == 0 ? "stopped" : "completed",
            ["intent"] = "order",
            ["medicationCodeableConcept"] = medication,
            ["subject"] = new JsonObject { ["reference"] = "Patient/pt-1" },
            ["authoredOn"] = "2022-06-01",
        };
        findings["statin"] = new JsonObject { ["exposure"] = exposure, ["drug"] = drug };
        return Bundle(order);
    }

    private static JsonObject Observation(string id, string system, string code, string display) => new()
    {
        ["resourceType"] = "Observation",
        ["id"] = id,
        ["status"] = "final",
        ["category"] = new JsonArray(new JsonObject { ["coding"] = new JsonArray(Coding("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "Laboratory")) }),
        ["code"] = new JsonObject { ["coding"] = new JsonArray(Coding(system, code, display)) },
        ["subject"] = new JsonObject { ["reference"] = "Patient/pt-1" },
        ["effectiveDateTime"] = "2024-03-02T08:45:00+01:00",
    };

    private static JsonObject Quantity(JsonNode value, string unit) => new()
    {
        ["value"] = value,
        ["unit"] = unit.Trim('{', '}'),
        ["system"] = "http://unitsofmeasure.org",
        ["code"] = unit,
    };

    private static JsonObject Coding(string system, string code, string? display)
    {
        var coding = new JsonObject { ["system"] = system, ["code"] = code };
        if (display is not null)
        {
            coding["display"] = display;
        }

        return coding;
    }

    private static JsonObject Bundle(params JsonObject[] resources) => new()
    {
        ["resourceType"] = "Bundle",
        ["type"] = "searchset",
        ["entry"] = new JsonArray([.. resources.Select(r => (JsonNode)new JsonObject
        {
            ["fullUrl"] = $"https://ehr.example.org/fhir/R4/{r["resourceType"]}/{r["id"]}",
            ["resource"] = r,
        })]),
    };
}
