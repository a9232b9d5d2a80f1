using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImnmDecision.Api.CasePage;
using ImnmDecision.Api.OpenApi;
using ImnmDecision.Api.Security;
using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.Engine.Cases;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ImnmDecision.Api.Tests.CasePage;

/// <summary>The case page's switch, its headers, and a form description that is the findings schema and nothing else.</summary>
public sealed partial class CasePageEndpointTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] PageFiles =
        ["/", "/case-page/case-page.js", "/case-page/case-page.css", "/case-page/report.css", "/case-page/form.json", "/case-page/examples.json"];

    private WebApplicationFactory<Program> With(string? environment, string? casePage) => factory.WithWebHostBuilder(builder =>
    {
        if (environment is not null)
        {
            builder.UseEnvironment(environment);
        }

        if (casePage is not null)
        {
            builder.UseSetting(CasePageSetup.SwitchKey, casePage);
        }
    });

    [Theory]
    [InlineData(null, null, false)]
    [InlineData(null, "false", false)]
    [InlineData(null, "true", true)]
    [InlineData("Development", null, true)]
    [InlineData("Development", "false", false)]
    public async Task CasePage_IsServedInDevelopmentOrWhenSwitchedOn_AndNowhereElse(string? environment, string? casePage, bool served)
    {
        using var app = With(environment, casePage);
        using var client = app.CreateClient();

        foreach (var path in PageFiles)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            response.StatusCode.Should().Be(served ? HttpStatusCode.OK : HttpStatusCode.NotFound, "{0} in {1} with Api:CasePage={2}", path, environment ?? "Production", casePage);
        }
    }

    [Fact]
    public async Task CasePage_CarriesTheSecurityHeaders_AndHasNoInlineScriptOrHandler()
    {
        using var app = With(null, "true");
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Be(SecurityHeadersMiddleware.ContentSecurityPolicy)
            .And.Contain("default-src 'self'").And.Contain("script-src 'self';");
        response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        var html = await response.Content.ReadAsStringAsync();
        ScriptTag().Matches(html).Select(m => m.Value).Should().Equal("<script src=\"/case-page/case-page.js\" defer>");
        InlineHandler().IsMatch(html).Should().BeFalse("inline event handlers are refused by script-src 'self'");
        html.Should().Contain("href=\"/swagger\"");

        var script = await client.GetStringAsync(new Uri("/case-page/case-page.js", UriKind.Relative));
        script.Should().NotContain("innerHTML").And.NotContain("eval(").And.NotContain("new Function").And.NotContain("insertAdjacentHTML");
    }

    [Theory]
    [InlineData("Development", "true", true)]
    [InlineData("Development", "false", false)]
    [InlineData("Production", "true", true)]
    [InlineData("Production", "false", false)]
    public async Task CasePage_LinksToSwaggerUi_OnlyWhereSwaggerUiIsServed(string environment, string swaggerUi, bool linked)
    {
        using var app = factory.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.UseSetting(CasePageSetup.SwitchKey, "true");
            builder.UseSetting(SwaggerSetup.SwitchKey, swaggerUi);
        });
        using var client = app.CreateClient();

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        using var swagger = await client.GetAsync(new Uri("/swagger/index.html", UriKind.Relative));

        swagger.StatusCode.Should().Be(linked ? HttpStatusCode.OK : HttpStatusCode.NotFound);
        html.Contains("href=\"/swagger\"", StringComparison.Ordinal).Should().Be(linked, "the page links to Swagger UI exactly where it is served");
        html.Should().Contain("id=\"case-form\"");
    }

    [Fact]
    public async Task FormDescription_HoldsEveryFieldOfTheSchemaInOrder_GroupedByItsFirstSegment()
    {
        using var app = With(null, "true");
        using var client = app.CreateClient();
        var form = (await client.GetFromJsonNodeAsync("/case-page/form.json")).AsObject();

        form["assessmentsPath"]!.GetValue<string>().Should().Be(Json.AssessmentsPath);
        var sections = form["sections"]!.AsArray().Select(s => s!.AsObject()).ToList();
        sections.Select(s => s["name"]!.GetValue<string>()).Should().Equal([CasePageForm.CaseGroup, .. FindingsSchema.Sections.Select(s => s.Name)]);
        var fields = sections.SelectMany(s => s["fields"]!.AsArray().Concat(s["groups"]!.AsArray().SelectMany(g => g!["fields"]!.AsArray())).Select(f => (Section: s, Field: f!.AsObject()))).ToList();
        fields.Select(f => f.Field["path"]!.GetValue<string>()).Should().BeEquivalentTo(FindingsSchema.Fields.Select(f => f.Path));

        foreach (var (section, field) in fields)
        {
            var schema = FindingsSchema.Field(field["path"]!.GetValue<string>());
            section["name"]!.GetValue<string>().Should().Be(schema.Section ?? CasePageForm.CaseGroup);
            field["kind"]!.GetValue<string>().Should().BeEquivalentTo(schema.Kind.ToString());
            field["description"]!.GetValue<string>().Should().Be(schema.Description);
            (field["choices"]?.AsArray().Select(c => c!.GetValue<string>()) ?? []).Should().Equal(schema.Choices);
            field["min"]?.GetValue<double>().Should().Be(schema.Minimum!.Value);
            field["max"]?.GetValue<double>().Should().Be(schema.Maximum!.Value);
            (field["unit"] ?? field["unitField"])?.GetValue<string>().Should().Be(schema.Unit);
        }

        var weakness = sections.Single(s => s["name"]!.GetValue<string>() == "clinical")["groups"]!.AsArray().Single()!;
        weakness["name"]!.GetValue<string>().Should().Be("clinical.weaknessPattern");
        fields.Single(f => f.Field["path"]!.GetValue<string>() == "ck.value").Field["unitField"]!.GetValue<string>().Should().Be("ck.unit");
    }

    [Fact]
    public async Task Examples_AreTheSwaggerExamples()
    {
        using var app = With(null, "true");
        using var client = app.CreateClient();
        var examples = (await client.GetFromJsonNodeAsync("/case-page/examples.json")).AsArray();

        examples.Select(e => e!["name"]!.GetValue<string>()).Should().Equal(ExampleCatalog.All.Select(e => e.Name));
        foreach (var (served, example) in examples.Zip(ExampleCatalog.All))
        {
            served!["summary"]!.GetValue<string>().Should().Be(example.Summary);
            JsonNode.DeepEquals(served["value"], JsonNode.Parse(example.Json)).Should().BeTrue(example.Name);
        }
    }

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}
