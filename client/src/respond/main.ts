import { mount } from 'svelte'
import '../common/base.css'
import Respond from './Respond.svelte'

const token = decodeURIComponent(location.pathname.replace(/^\/s\/?/, '').split('/')[0] ?? '')
mount(Respond, { target: document.getElementById('app')!, props: { token } })
