// Issue 17, point 5: exporting the Users list and importing that very file unchanged gives "No
// changes to save", and changes nothing on the server.
import { readFile } from "node:fs/promises";
import { test, expect } from "../fixtures";
import { ImportPage, contosoUsers } from "../pages/import";
import { CONTOSO } from "../seed";

test("the Users list's export of every Contoso user, imported unchanged, has no changes to save", async ({
  page,
  open,
  request,
}) => {
  const users = await contosoUsers(request);
  expect(users.length).toBe(57);

  await open(`/customers/${CONTOSO}/users`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-list").click(),
  ]);
  const exported = await readFile(await download.path());
  // The header and one row per user (57 users, CRLF after each record).
  expect(exported.toString("utf8").split("\r\n").length - 1).toBe(1 + 57);

  await open(`/customers/${CONTOSO}/users/import`);
  const importPage = new ImportPage(page);
  await importPage.choose(download.suggestedFilename(), exported);
  await expect(importPage.noChanges).toHaveText(
    "No changes to save: every user already has what the file asks for.",
  );
  await expect(importPage.problems).toHaveCount(0);
  await expect(importPage.changeRows).toHaveCount(0);
  await expect(importPage.save).toBeDisabled();
  await expect(importPage.saveReason).toHaveText("No changes to save.");
  expect(await contosoUsers(request), "nothing changed").toEqual(users);
});
