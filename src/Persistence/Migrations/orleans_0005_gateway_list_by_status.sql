-- The gateway list offers every Active silo again; the withdrawal column of orleans_0004 goes.
-- Withdrawing a gateway before Orleans' shutdown notice let a client refresh drop its connection to
-- the leaving silo before the notice masked it, and the replies that silo still sent were lost.
-- Web processes now keep a leaving gateway masked for a whole stop (LeavingGatewayListProvider), so
-- the ShuttingDown status Orleans writes is all the gateway list needs (docs/decisions.md, 6).

UPDATE OrleansQuery SET QueryText = $q$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
  FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$
WHERE QueryKey = 'GatewaysQueryKey';

ALTER TABLE orleans_membership DROP COLUMN gateway_withdrawn_at;
