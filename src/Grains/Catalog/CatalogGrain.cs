using Microsoft.Extensions.Options;
using PacificEdge.Grains.Common;
using PacificEdge.Grains.Interfaces.Catalog;
using Orleans;
using Orleans.Runtime;

namespace PacificEdge.Grains.Catalog;

/// <summary>The product catalog: one grain, read-mostly (a dozen to a few thousand products).</summary>
[GrainType("catalog")]
public sealed class CatalogGrain(
    [PersistentState("catalog", CommerceStorage.Name)] IPersistentState<CatalogState> state,
    IOptions<CommerceOptions> options,
    TimeProvider time) : Grain, ICatalogGrain
{
    public Task<IReadOnlyList<Product>> List(bool includeInactive)
        => Task.FromResult<IReadOnlyList<Product>>(state.State.Products.Values
            .Where(p => includeInactive || p.Active)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList());

    public Task<Product?> Find(string sku) => Task.FromResult(state.State.Products.GetValueOrDefault(sku));

    public async Task<Product> Upsert(Product product)
    {
        var valid = ProductRules.Validate(product, options.Value.Currency);
        if (state.State.Products.TryGetValue(valid.Sku, out var existing) && existing == valid)
        {
            return existing;
        }

        state.State.Products[valid.Sku] = valid;
        await SaveAsync(existing is null ? "product.added" : "product.updated", $"{valid.Sku} {valid.Name} at {valid.Price}, lot {valid.Lot}");
        return valid;
    }

    public async Task<bool> Remove(string sku)
    {
        if (!state.State.Products.Remove(sku))
        {
            return false;
        }

        await SaveAsync("product.removed", sku);
        return true;
    }

    public async Task<IReadOnlyList<string>> RemoveDemoProducts()
    {
        var demo = state.State.Products.Values.Where(p => p.Demo).Select(p => p.Sku).ToList();
        if (demo.Count > 0)
        {
            demo.ForEach(sku => state.State.Products.Remove(sku));
            await SaveAsync("demo.removed", $"{demo.Count} demo products");
        }

        return demo;
    }

    private Task SaveAsync(string @event, string detail)
    {
        Timeline.Record(state.State, time.GetUtcNow(), @event, detail);
        return state.WriteStateAsync();
    }
}
