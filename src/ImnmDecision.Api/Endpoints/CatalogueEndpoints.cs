namespace ImnmDecision.Api.Endpoints;

/// <summary>The shape the rule and citation catalogues share: a list, and one item by id (404 when unknown).</summary>
internal static class CatalogueEndpoints
{
    /// <summary>Maps <c>GET {listRoute}</c> and <c>GET {itemRoute}</c>, named after their handlers, under one tag.</summary>
    public static RouteGroupBuilder MapCatalogue(this RouteGroupBuilder v1, string listRoute, Delegate list, string itemRoute, Delegate item, string tag)
    {
        v1.MapGet(listRoute, list).WithName(list.Method.Name).WithTags(tag);
        v1.MapGet(itemRoute, item).WithName(item.Method.Name).WithTags(tag).ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }
}
