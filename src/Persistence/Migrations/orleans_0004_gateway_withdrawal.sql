-- A silo that is stopping withdraws its gateway here before Orleans tells the connected clients
-- to stop sending to it. Orleans' notice only masks the gateway on a client for one gateway-list
-- refresh period; a refresh that still saw the row Active (the ShuttingDown write comes later)
-- handed the leaving gateway back, and calls sent through it were rejected or lost when it
-- closed. With the column set, the gateway list never offers a leaving silo again.
-- Orleans' own membership queries neither read nor write this column.

ALTER TABLE orleans_membership ADD COLUMN gateway_withdrawn_at timestamptz NULL;

UPDATE OrleansQuery SET QueryText = $q$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
  FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
   AND gateway_withdrawn_at IS NULL
$q$
WHERE QueryKey = 'GatewaysQueryKey';
