using Orleans;
using Orleans.Runtime;

namespace PacificEdge.Grains.Common;

/// <summary>How grains write their state.</summary>
public static class StateWrites
{
    /// <summary>
    /// Writes the state. A failed write (the database went away mid-statement) leaves the activation holding a change
    /// the database may not have, with nothing stored to wake it: the activation is dropped, so the next call reads
    /// what was stored and the caller's retry applies its change again.
    /// </summary>
    public static async Task WriteOrDropAsync<TState>(this IPersistentState<TState> state, IGrainBase grain)
    {
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
