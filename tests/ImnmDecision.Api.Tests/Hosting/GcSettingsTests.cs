using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Hosting;

/// <summary>
/// The published API runs on the concurrent workstation GC, not the Web SDK's Server GC: under the Server GC
/// (DATAS) the committed heap grew by a 4 MiB region every few rounds of CDS calls and RSS never levelled off
/// (tests/ImnmDecision.Benchmarks/HostileFhir/measure_hostile_fhir_rss.py, README "Memory under a hostile FHIR
/// server"). The runtime reads these settings from the published runtimeconfig.json.
/// </summary>
public sealed class GcSettingsTests
{
    [Fact]
    public void PublishedRuntimeConfig_SelectsConcurrentWorkstationGc_AndConservesMemory()
    {
        var path = Path.Combine(ApiProcess.PublishedFolder, "ImnmDecision.Api.runtimeconfig.json");
        var properties = JsonNode.Parse(File.ReadAllText(path))!["runtimeOptions"]!["configProperties"]!.AsObject();

        properties["System.GC.Server"]?.GetValue<bool>().Should().BeFalse("the Server GC's committed heap kept growing under steady CDS load");
        properties["System.GC.Concurrent"]?.GetValue<bool>().Should().BeTrue("background gen2 collections keep pauses short for CDS calls");
        properties["System.GC.ConserveMemory"]?.GetValue<int>().Should().Be(7);
    }
}
