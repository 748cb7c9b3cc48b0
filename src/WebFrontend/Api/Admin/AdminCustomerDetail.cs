using PacificEdge.Grains.Interfaces.Loyalty;
using PacificEdge.WebFrontend.Data;

namespace PacificEdge.WebFrontend.Api.Admin;

/// <summary>What the admin customer screen shows: the account, its wallet with the ledger, and its latest orders.</summary>
public sealed record AdminCustomerDetail(CustomerRow Customer, WalletView Wallet, IReadOnlyList<OrderSummary> RecentOrders);
