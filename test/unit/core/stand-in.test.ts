import { afterEach, describe, expect, it } from 'vitest'
import { standIn } from '../../../src/core/stand-in'

afterEach(() => void (document.body.innerHTML = ''))

/** The box of an iframe happy-dom does not lay out (no rendered size): its attributes decide. */
const boxFor = (attrs: string) => {
  document.body.innerHTML = `<iframe ${attrs} data-category="advertising" data-src="https://embed.test/v"></iframe>`
  const { width, height } = standIn(document.querySelector('iframe')!).style
  return [width, height]
}

describe("a placeholder box takes the iframe's size from its attributes", () => {
  it('pixels, as a browser reads them: spaces around the number too', () => {
    expect(boxFor('width="560" height="315"')).toEqual(['560px', '315px'])
    expect(boxFor('width=" 560" height="315 "')).toEqual(['560px', '315px'])
  })

  it('a relative size as it is, and the default size without attributes', () => {
    expect(boxFor('width="100%" height="315"')).toEqual(['100%', '315px'])
    expect(boxFor('')).toEqual(['300px', '150px'])
  })
})
