/**
 * Loads a component's driver, an optional peer dependency, on first use: a missing one fails
 * start-up naming the component and the exact install line.
 */
export async function loadDriver<T>(component: string, pkg: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new Error(`${component} needs the package ${pkg}, which is not installed: npm install ${pkg}`, {
        cause: error,
      });
    }
    throw error;
  }
}
