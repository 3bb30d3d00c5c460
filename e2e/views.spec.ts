import { LogsPage } from './pages/logs-page'
import { SavedViewPage } from './pages/saved-view-page'
import { ViewsPage } from './pages/views-page'
import { KNOWN } from './support/known-data'
import { expect, test, uniqueName } from './support/fixtures'

const { checkout } = KNOWN

test('saves a view, pins it into the sidebar, opens its link on a fresh page, and saves a change', async ({ page, browser, baseURL }) => {
  const name = uniqueName('E2E checkout errors')
  const logs = new LogsPage(page)
  const view = new SavedViewPage(page)
  const views = new ViewsPage(page)

  await logs.goto({ services: checkout.name, severity: ['error'] })
  await logs.saveView(name)
  await expect(view.heading(name)).toBeVisible()
  await expect(view.saved).toBeVisible()
  const shortId = view.shortId()

  await views.goto()
  await views.pin(name)
  await expect(views.sidebarLink(name)).toBeVisible()
  await expect(views.row(name).getByRole('button', { name: `Unpin ${name}` })).toBeVisible()

  // A fresh browser (no history, no cache) opens the bare link as the view was saved.
  const fresh = await browser.newContext({ baseURL })
  const other = await fresh.newPage()
  await other.goto(`/views/${shortId}`)
  const otherView = new SavedViewPage(other)
  const otherLogs = new LogsPage(other)
  await expect(otherView.heading(name)).toBeVisible()
  await expect(otherView.saved).toBeVisible()
  await expect(otherLogs.volumeTotal()).toHaveText(`${checkout.errors} logs in this window`)
  await expect(new ViewsPage(other).sidebarLink(name)).toBeVisible()

  await otherLogs.chooseLevels('warn')
  await expect(otherView.modified).toBeVisible()
  await otherView.saveChanges()
  await expect(otherView.saved).toBeVisible()
  await fresh.close()

  await page.goto(`/views/${shortId}`)
  await expect(view.saved).toBeVisible()
  await expect(logs.volumeTotal()).toHaveText(`${checkout.errors + checkout.warn} logs in this window`)
  await expect(page.getByRole('button', { name: 'Severity: warn, error' })).toBeVisible()
})

test('deletes a pinned view after asking, and Undo brings it back to the list and the sidebar', async ({ page }) => {
  const name = uniqueName('E2E doomed view')
  const logs = new LogsPage(page)
  const views = new ViewsPage(page)

  await logs.goto({ services: KNOWN.search.name })
  await logs.saveView(name, { pinned: true })
  await views.goto()
  await expect(views.sidebarLink(name)).toBeVisible()

  await views.delete(name)
  await expect(views.row(name)).toHaveCount(0)
  await expect(views.sidebarLink(name)).toHaveCount(0)
  await expect(views.undoToast(name)).toBeVisible()

  await views.undo(name)
  await expect(views.row(name)).toBeVisible()
  await expect(views.sidebarLink(name)).toBeVisible()

  await views.row(name).getByRole('link', { name }).click()
  await expect(new SavedViewPage(page).saved).toBeVisible()
  await expect(logs.volumeTotal()).toHaveText(`${KNOWN.search.total} logs in this window`)
})
