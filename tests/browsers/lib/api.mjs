// The mock server's API, as the Chromium fixtures use it: reset before each test, and the
// server's own record to check what a save did.
import assert from "node:assert/strict";
import { CONTOSO } from "./seed.mjs";

export function api(baseUrl) {
  let token;
  const headers = async () => {
    if (!token) {
      const session = await fetch(`${baseUrl}/api/v1/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ role: "AdminAgent" }),
      });
      assert.ok(session.ok, "the mock server opens a session");
      token = (await session.json()).token;
    }
    return { authorization: `Bearer ${token}`, "content-type": "application/json" };
  };
  const call = async (method, path, body) => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: await headers(),
      body: body && JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  let users;
  return {
    async reset() {
      const response = await fetch(`${baseUrl}/api/testing/reset`, { method: "POST" });
      assert.ok(response.ok, "the mock server resets its data");
      token = undefined;
    },
    /** A Contoso user's id, by display name. */
    async userId(name) {
      users ??= (await call("GET", `/customers/${CONTOSO}/users?size=500`)).body.items;
      const user = users.find((u) => u.displayName === name);
      assert.ok(user, `no Contoso user named ${name}`);
      return user.id;
    },
    /** The names of the products a Contoso user holds, as the server records them. */
    async productsOf(name) {
      const { status, body } = await call("GET", `/customers/${CONTOSO}/users/${await this.userId(name)}/licenses`);
      assert.equal(status, 200);
      return body.items.map((l) => l.productSku.name).sort();
    },
    /** Another partner, in another window, gives a user a license through the API. */
    async assignElsewhere(name, skuId) {
      const { status } = await call("POST", `/customers/${CONTOSO}/users/${await this.userId(name)}/licenseupdates`, {
        licensesToAssign: [{ skuId }],
        licensesToRemove: [],
      });
      assert.equal(status, 201, "the other partner's assignment is applied");
    },
  };
}
